import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { disposeParams } from '../params/tree.js';
import { gradientCheck } from './gradcheck.js';
import { initLinear, linear } from './linear.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('linear', () => {
  it('computes x·W + b over the last axis of any rank', () => {
    const p = initLinear(new Rng(0), 3, 2);
    const x = tf.tensor([1, 2, 3, -1, 0, 2], [1, 2, 3]);
    const y = linear(p, x);
    expect(y.shape).toEqual([1, 2, 2]);
    const W = p.weight.arraySync() as number[][];
    const b = p.bias!.arraySync() as number[];
    const xs = [
      [1, 2, 3],
      [-1, 0, 2],
    ];
    const expected = xs.flatMap((r) => [0, 1].map((o) => r[0]! * W[0]![o]! + r[1]! * W[1]![o]! + r[2]! * W[2]![o]! + b[o]!));
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    expect(() => linear(p, tf.zeros([2, 4]))).toThrow(/last axis is 4/);
    tf.dispose([x, y]);
    disposeParams(p);
  });

  it('draws PyTorch-default init within ±1/√in', () => {
    const p = initLinear(new Rng(1), 16, 8);
    for (const v of [p.weight, p.bias!]) for (const x of v.dataSync()) expect(Math.abs(x)).toBeLessThanOrEqual(0.25);
    disposeParams(p);
    expect(initLinear(new Rng(1), 2, 2, { bias: false }).bias).toBeUndefined();
  });

  it('has gradients matching central finite differences', () => {
    const rng = new Rng(2);
    const p = initLinear(rng, 4, 3);
    const x = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 3);
    const res = gradientCheck(rng, ([xi]) => linear(p, xi!), p, [x]);
    expect(res.entries.length).toBeGreaterThan(10);
    expect(res.maxError).toBeLessThan(2e-2);
    x.dispose();
    disposeParams(p);
  });
});
