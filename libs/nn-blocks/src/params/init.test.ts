import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { constantVariable, normalVariable, scaleVariable, torchDefaultBound, uniformVariable } from './init.js';
import { fromTorchLayout, toTorchLayout } from './layout.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('initialisation', () => {
  it('kaiming-uniform(a=√5) bound equals 1/√fan_in', () => {
    const a = Math.sqrt(5);
    const gain = Math.sqrt(2 / (1 + a * a));
    for (const fanIn of [1, 9, 64 * 9]) expect(torchDefaultBound(fanIn)).toBeCloseTo(gain * Math.sqrt(3 / fanIn), 12);
  });

  it('draws U(−b, b) with the right moments', () => {
    const v = uniformVariable(new Rng(0), [200, 100], 0.5);
    const d = v.dataSync();
    let s = 0,
      s2 = 0,
      max = 0;
    for (const x of d) {
      s += x;
      s2 += x * x;
      max = Math.max(max, Math.abs(x));
    }
    expect(max).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s / d.length)).toBeLessThan(0.01);
    expect(s2 / d.length).toBeCloseTo(0.25 / 3, 2); // Var U(−b,b) = b²/3
    v.dispose();
  });

  it('draws std·N(0,1) and scales in place', () => {
    const v = normalVariable(new Rng(1), [20000], 0.01);
    let s2 = 0;
    for (const x of v.dataSync()) s2 += x * x;
    expect(Math.sqrt(s2 / v.size)).toBeCloseTo(0.01, 3);
    const c = constantVariable([3], 2);
    scaleVariable(c, 1e-2);
    expect(Array.from(c.dataSync())).toEqual([0.02, 0.02, 0.02].map(Math.fround));
    v.dispose();
    c.dispose();
  });
});

describe('weight layouts', () => {
  it('maps tfjs [kh, kw, in, out] conv filters to torch [out, in, kh, kw] and back', () => {
    const w = tf.tensor(
      Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => i),
      [2, 3, 4, 5],
    );
    const t = toTorchLayout(w);
    expect(t.shape).toEqual([5, 4, 2, 3]);
    // element [kh=1, kw=2, in=3, out=4] ends up at [4, 3, 1, 2]
    const idxTf = ((1 * 3 + 2) * 4 + 3) * 5 + 4;
    const idxTorch = ((4 * 4 + 3) * 2 + 1) * 3 + 2;
    expect(t.dataSync()[idxTorch]).toBe(idxTf);
    const back = fromTorchLayout(t, 'conv2d');
    expect(Array.from(back.dataSync())).toEqual(Array.from(w.dataSync()));
    const l = tf.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const lt = toTorchLayout(l, 'linear');
    expect(lt.arraySync()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const w3 = tf.zeros([1, 2, 3, 4, 5]);
    const t3 = toTorchLayout(w3);
    expect(t3.shape).toEqual([5, 4, 1, 2, 3]);
    const b3 = fromTorchLayout(t3, 'conv3d');
    expect(b3.shape).toEqual([1, 2, 3, 4, 5]);
    tf.dispose([w, t, back, l, lt, w3, t3, b3]);
  });
});
