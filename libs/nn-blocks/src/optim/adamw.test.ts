import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { constantVariable, uniformVariable } from '../params/init.js';
import { disposeParams } from '../params/tree.js';
import { adamwFromNamed, adamwToNamed, adamwUpdate, disposeAdamW, initAdamW } from './adamw.js';
import { optimizerStep } from './step.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Float64 reference AdamW + clip_grad_norm_ + non-finite skipping, on flat arrays. */
function referenceRun(
  theta: number[][],
  gradSeq: number[][][],
  lrs: number[],
  cfg: { b1: number; b2: number; eps: number; wd: number; clip: number },
) {
  const p = theta.map((a) => a.slice());
  const m = p.map((a) => a.map(() => 0));
  const v = p.map((a) => a.map(() => 0));
  let t = 0;
  gradSeq.forEach((gs, s) => {
    const norm = Math.sqrt(gs.flat().reduce((a, g) => a + g * g, 0));
    if (!Number.isFinite(norm)) return;
    const coef = Math.min(1, cfg.clip / (norm + 1e-6));
    t++;
    const lr = lrs[s]!;
    p.forEach((pi, i) =>
      pi.forEach((_, j) => {
        const g = gs[i]![j]! * coef;
        pi[j] = pi[j]! * (1 - lr * cfg.wd);
        m[i]![j] = cfg.b1 * m[i]![j]! + (1 - cfg.b1) * g;
        v[i]![j] = cfg.b2 * v[i]![j]! + (1 - cfg.b2) * g * g;
        const mh = m[i]![j]! / (1 - cfg.b1 ** t),
          vh = v[i]![j]! / (1 - cfg.b2 ** t);
        pi[j] = pi[j]! - (lr * mh) / (Math.sqrt(vh) + cfg.eps);
      }),
    );
  });
  return { p, t };
}

describe('AdamW', () => {
  it('matches a float64 reference (weight decay, clipping, skipped non-finite steps)', () => {
    const rng = new Rng(0);
    const params = { a: uniformVariable(rng, [3, 2], 1), b: uniformVariable(rng, [4], 1) };
    const theta = [Array.from(params.a.dataSync()), Array.from(params.b.dataSync())];
    const steps = 30;
    const gradSeq = Array.from({ length: steps }, (_, s) =>
      [6, 4].map((n) => Array.from({ length: n }, () => (s === 7 && n === 4 ? NaN : (s % 5 === 0 ? 3 : 0.2) * rng.normal()))),
    );
    gradSeq[12]![0]![1] = Infinity;
    const lrs = Array.from({ length: steps }, (_, s) => (1e-2 * (1 + Math.cos((Math.PI * s) / steps))) / 2);
    const cfg = { beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, clipNorm: 1.0 };
    let state = initAdamW(params);
    let skipped = 0;
    const before = tf.memory().numTensors;
    gradSeq.forEach((gs, s) => {
      const grads = new Map([
        ['a', tf.tensor(gs[0]!, [3, 2])],
        ['b', tf.tensor(gs[1]!, [4])],
      ]);
      const r = optimizerStep(params, grads, state, lrs[s]!, cfg);
      state = r.state;
      if (r.skipped) skipped++;
      for (const g of grads.values()) g.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
    expect(skipped).toBe(2);
    expect(state.step).toBe(steps - 2);
    const ref = referenceRun(theta, gradSeq, lrs, { b1: 0.9, b2: 0.99, eps: 1e-8, wd: 0.1, clip: 1.0 });
    expect(ref.t).toBe(steps - 2);
    const got = [Array.from(params.a.dataSync()), Array.from(params.b.dataSync())];
    got.forEach((arr, i) => arr.forEach((x, j) => expect(Math.abs(x - ref.p[i]![j]!)).toBeLessThan(2e-6)));
    // the parameters moved by much more than the tolerance
    expect(Math.abs(got[0]![0]! - theta[0]![0]!)).toBeGreaterThan(1e-2);
    disposeAdamW(state);
    disposeParams(params);
  });

  it('minimises a quadratic through valueAndGrads-style gradients', () => {
    const w = constantVariable([2], 0);
    const params = { w };
    let state = initAdamW(params);
    const target = tf.tensor([1.5, -2]);
    for (let s = 0; s < 400; s++) {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(w, target))) as tf.Scalar, [w]);
      const r = optimizerStep(params, new Map([['w', grads[w.name]!]]), state, 0.05, { clipNorm: Infinity });
      state = r.state;
      value.dispose();
      grads[w.name]!.dispose();
    }
    const out = Array.from(w.dataSync());
    expect(out[0]).toBeCloseTo(1.5, 2);
    expect(out[1]).toBeCloseTo(-2, 2);
    target.dispose();
    disposeAdamW(state);
    disposeParams(params);
  });

  it('serialises its state by name and checks it against the model', () => {
    const rng = new Rng(1);
    const params = { layer: { weight: uniformVariable(rng, [2, 2], 1) } };
    let state = initAdamW(params);
    const g = new Map([['layer.weight', tf.ones([2, 2])]]);
    state = adamwUpdate(params, g, state, 0.1);
    const { tensors, step } = adamwToNamed(state);
    expect([...tensors.keys()]).toEqual(['m.layer.weight', 'v.layer.weight']);
    expect(step).toBe(1);
    const copies = new Map([...tensors].map(([k, t]) => [k, tf.clone(t)]));
    const restored = adamwFromNamed(params, copies, step);
    expect(Array.from(restored.m.get('layer.weight')!.dataSync())).toEqual(Array.from(state.m.get('layer.weight')!.dataSync()));
    const bad = new Map([['m.layer.weight', tf.zeros([2, 3])]]);
    expect(() => adamwFromNamed(params, bad, 1, 'optimizer.safetensors')).toThrow(
      /optimizer\.safetensors does not match the model: m\.layer\.weight: expected \[2, 2\], got \[2, 3\]; missing v\.layer\.weight/,
    );
    tf.dispose([...g.values(), ...bad.values()]);
    disposeAdamW(state);
    disposeAdamW(restored);
    disposeParams(params);
  });
});
