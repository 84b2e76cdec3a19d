import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { dropout } from './dropout.js';
import { gradientCheck } from './gradcheck.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dropout', () => {
  it('is the identity at evaluation and at rate 0', () => {
    const x = tf.randomNormal([100], 0, 1, 'float32', 1);
    for (const y of [dropout(x, 0.5, { training: false }), dropout(x, 0, { training: true })]) {
      expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
      y.dispose();
    }
    x.dispose();
  });

  it('zeroes a fraction p, rescales the rest by 1/(1−p), and is seeded', () => {
    const x = tf.ones([20000]);
    const y1 = dropout(x, 0.25, { training: true, rng: new Rng(3) });
    const y2 = dropout(x, 0.25, { training: true, rng: new Rng(3) });
    const y3 = dropout(x, 0.25, { training: true, rng: new Rng(4) });
    const d = Array.from(y1.dataSync());
    const zeros = d.filter((v) => v === 0).length;
    expect(zeros / d.length).toBeGreaterThan(0.23);
    expect(zeros / d.length).toBeLessThan(0.27);
    expect(d.filter((v) => v !== 0 && Math.abs(v - 4 / 3) > 1e-6)).toEqual([]);
    expect(Array.from(y2.dataSync())).toEqual(d);
    expect(Array.from(y3.dataSync())).not.toEqual(d);
    expect(() => dropout(x, 0.1, { training: true })).toThrow(/needs an rng/);
    expect(() => dropout(x, 1, { training: false })).toThrow(/rate/);
    tf.dispose([x, y1, y2, y3]);
  });

  it('draws the mask of tf.randomUniform(shape, 0, 1, float32, seed) >= p', () => {
    for (const [rate, seed] of [
      [0.05, 12345],
      [0.3, 7],
      [0.5, 2 ** 31 - 2],
    ] as const) {
      const x = tf.randomNormal([7, 33], 0, 1, 'float32', 9);
      const y = dropout(x, rate, { training: true, rng: { uniform: () => 0, normal: () => 0, int: () => seed, poisson: () => 0 } });
      const ref = tf.tidy(() =>
        tf.mul(x, tf.mul(tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), rate), 'float32'), 1 / (1 - rate))),
      );
      expect(Array.from(y.dataSync())).toEqual(Array.from(ref.dataSync()));
      tf.dispose([x, y, ref]);
    }
  });

  it('has finite-difference gradients for a fixed mask', () => {
    const x = tf.randomNormal([12], 0, 1, 'float32', 5);
    // each forward call gets a fresh Rng(7) so the mask is the same every time
    const res = gradientCheck(new Rng(0), ([a]) => dropout(a!, 0.4, { training: true, rng: new Rng(7) }), {}, [x], { coordsPerTensor: 12 });
    expect(res.maxError).toBeLessThan(1e-2);
    x.dispose();
  });
});
