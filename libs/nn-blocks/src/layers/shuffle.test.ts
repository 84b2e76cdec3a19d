import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { gradientCheck } from './gradcheck.js';
import { pixelShuffle, pixelUnshuffle } from './shuffle.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pixel unshuffle / shuffle', () => {
  it('uses PyTorch channel order (C, dy, dx) in 2-D', () => {
    const [b, h, w, c, r] = [2, 4, 6, 3, 2];
    const x = tf.tensor(
      Array.from({ length: b * h * w * c }, (_, i) => i),
      [b, h, w, c],
    );
    const y = pixelUnshuffle(x, r);
    expect(y.shape).toEqual([b, h / r, w / r, c * r * r]);
    const xd = x.dataSync(),
      yd = y.dataSync();
    for (let n = 0; n < b; n++)
      for (let i = 0; i < h / r; i++)
        for (let j = 0; j < w / r; j++)
          for (let ch = 0; ch < c; ch++)
            for (let dy = 0; dy < r; dy++)
              for (let dx = 0; dx < r; dx++) {
                const out = ((n * (h / r) + i) * (w / r) + j) * c * r * r + ch * r * r + dy * r + dx;
                const src = ((n * h + i * r + dy) * w + j * r + dx) * c + ch;
                expect(yd[out]).toBe(xd[src]);
              }
    const back = pixelShuffle(y, r);
    expect(Array.from(back.dataSync())).toEqual(Array.from(xd));
    expect(() => pixelUnshuffle(tf.zeros([1, 3, 4, 1]))).toThrow(/not divisible by 2/);
    tf.dispose([x, y, back]);
  });

  it('large 2-D tensors (two rank-4 transposes) follow the same order, and their gradients are the inverse', () => {
    for (const [b, h, w, c, r] of [
      [2, 32, 64, 16, 2],
      [1, 64, 128, 8, 4],
    ] as const) {
      const x = tf.tensor(
        Float32Array.from({ length: b * h * w * c }, (_, i) => i),
        [b, h, w, c],
      );
      expect(x.size).toBeGreaterThanOrEqual(1 << 16);
      const y = pixelUnshuffle(x, r);
      const yd = y.dataSync();
      let bad = 0;
      for (let n = 0; n < b; n++)
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++)
            for (let ch = 0; ch < c; ch++) {
              const out =
                ((n * (h / r) + Math.floor(i / r)) * (w / r) + Math.floor(j / r)) * c * r * r + ch * r * r + (i % r) * r + (j % r);
              if (yd[out] !== ((n * h + i) * w + j) * c + ch) bad++;
            }
      expect(bad).toBe(0);
      const back = pixelShuffle(y, r);
      expect(back.shape).toEqual(x.shape);
      expect(tf.max(tf.abs(tf.sub(back, x))).dataSync()[0]).toBe(0);
      const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pixelUnshuffle(a, r), y)))(x);
      expect(tf.max(tf.abs(tf.sub(g, x))).dataSync()[0]).toBe(0);
      tf.dispose([x, y, back, g]);
    }
  });

  it('uses channel order (C, dz, dy, dx) in 3-D and round-trips', () => {
    const [b, d, h, w, c, r] = [1, 4, 2, 2, 2, 2];
    const x = tf.tensor(
      Array.from({ length: b * d * h * w * c }, (_, i) => i),
      [b, d, h, w, c],
    );
    const y = pixelUnshuffle(x, r);
    expect(y.shape).toEqual([1, 2, 1, 1, 16]);
    const xd = x.dataSync(),
      yd = y.dataSync();
    for (let zi = 0; zi < 2; zi++)
      for (let ch = 0; ch < c; ch++)
        for (let dz = 0; dz < 2; dz++)
          for (let dy = 0; dy < 2; dy++)
            for (let dx = 0; dx < 2; dx++) {
              const out = zi * 16 + ch * 8 + dz * 4 + dy * 2 + dx;
              const src = (((zi * 2 + dz) * h + dy) * w + dx) * c + ch;
              expect(yd[out]).toBe(xd[src]);
            }
    const back = pixelShuffle(y, r);
    expect(Array.from(back.dataSync())).toEqual(Array.from(xd));
    tf.dispose([x, y, back]);
  });

  it('have finite-difference gradients', () => {
    const rng = new Rng(1);
    const x = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 2);
    expect(gradientCheck(rng, ([a]) => pixelUnshuffle(a!), {}, [x], { coordsPerTensor: 12 }).maxError).toBeLessThan(1e-2);
    const z = tf.randomNormal([1, 2, 2, 8], 0, 1, 'float32', 3);
    expect(gradientCheck(rng, ([a]) => pixelShuffle(a!), {}, [z], { coordsPerTensor: 12 }).maxError).toBeLessThan(1e-2);
    tf.dispose([x, z]);
  });
});
