import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { disposeParams } from '../params/tree.js';
import { attention, initAttention } from './attention.js';
import { gradientCheck } from './gradcheck.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Float64 reference MHA on tokens [N, C] with qkv channels ordered (3, heads, d). */
function naiveMha(x: number[][], wqkv: number[][], bqkv: number[], wo: number[][], bo: number[], heads: number): number[][] {
  const n = x.length,
    c = x[0]!.length,
    d = c / heads;
  const lin = (v: number[], w: number[][], b: number[]) => b.map((bb, o) => v.reduce((s, vi, i) => s + vi * w[i]![o]!, bb));
  const qkv = x.map((t) => lin(t, wqkv, bqkv));
  const merged = x.map(() => new Array<number>(c).fill(0));
  for (let h = 0; h < heads; h++) {
    const q = (i: number, j: number) => qkv[i]![h * d + j]!;
    const k = (i: number, j: number) => qkv[i]![c + h * d + j]!;
    const v = (i: number, j: number) => qkv[i]![2 * c + h * d + j]!;
    for (let i = 0; i < n; i++) {
      const s = Array.from(
        { length: n },
        (_, m) => Array.from({ length: d }, (_, j) => q(i, j) * k(m, j)).reduce((a, b) => a + b, 0) / Math.sqrt(d),
      );
      const mx = Math.max(...s);
      const e = s.map((z) => Math.exp(z - mx));
      const z = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j < d; j++) merged[i]![h * d + j] = e.reduce((a, em, m) => a + (em / z) * v(m, j), 0);
    }
  }
  return merged.map((t) => lin(t, wo, bo));
}

describe('multi-head self-attention', () => {
  it('matches a float64 reference over all grid positions', () => {
    const p = initAttention(new Rng(0), 4, 2);
    const x = tf.randomNormal([2, 2, 3, 4], 0, 1, 'float32', 1);
    const y = attention(p, x);
    expect(y.shape).toEqual([2, 2, 3, 4]);
    const xs = x.arraySync() as number[][][][];
    const ys = y.arraySync() as number[][][][];
    const W = (v: tf.Variable) => v.arraySync() as any;
    for (let b = 0; b < 2; b++) {
      const ref = naiveMha(xs[b]!.flat(), W(p.qkv.weight), W(p.qkv.bias!), W(p.out.weight), W(p.out.bias!), 2);
      ys[b]!.flat().forEach((tok, i) => tok.forEach((v, j) => expect(v).toBeCloseTo(ref[i]![j]!, 5)));
    }
    tf.dispose([x, y]);
    disposeParams(p);
  });

  it('rejects channels not divisible by heads', () => {
    expect(() => initAttention(new Rng(0), 6, 4)).toThrow(/divisible/);
  });

  it('has finite-difference gradients (params and input)', () => {
    const rng = new Rng(2);
    const p = initAttention(rng, 4, 2);
    const x = tf.randomNormal([1, 2, 2, 4], 0, 1, 'float32', 3);
    const res = gradientCheck(rng, ([a]) => attention(p, a!), p, [x], { eps: 5e-3 });
    expect(res.maxError).toBeLessThan(3e-2);
    tf.dispose(x);
    disposeParams(p);
  });
});
