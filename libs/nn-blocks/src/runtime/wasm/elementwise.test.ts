import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { lcgValues, wasmVsCpu } from './test-data.js';

const both = async (fn: () => tf.Tensor | tf.Tensor[], rtol = 1e-5, atol = 1e-6) => (await wasmVsCpu(fn, rtol, atol)).err;

describe('wasm Tanh and Pow match the cpu backend', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('tanh = 2·sigmoid(2x) − 1 within 1e-6 absolute, from -30 to 30, and its gradient', async () => {
    const x = Float32Array.from(lcgValues(4001, 3), (v, i) => (i < 2001 ? (i - 1000) * 0.03 : v * 1e-3));
    expect(await both(() => tf.tanh(tf.tensor1d(x)))).toBeLessThanOrEqual(1);
    expect(await both(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tanh(t), t)))(tf.tensor1d(x)))).toBeLessThanOrEqual(1);
  });

  it('pow with scalar exponents 1, 2, 3, 4, 0.5, -1 (fast) and 2.5, 1.5 (stock), with broadcasting', async () => {
    const base = Float32Array.from(lcgValues(60, 9), (v) => 0.1 + Math.abs(v) * 2);
    for (const e of [1, 2, 3, 4, 0.5, -1, 2.5, 1.5]) {
      for (const eshape of [[], [1], [1, 1, 1]]) {
        const err = await both(() => tf.pow(tf.tensor2d(base, [6, 10]), tf.fill(eshape, e)), 1e-5, 1e-6);
        expect(err, `exponent ${e} shape [${eshape}]`).toBeLessThanOrEqual(1);
      }
    }
    const negative = lcgValues(12, 4);
    expect(await both(() => tf.pow(tf.tensor1d(negative), tf.scalar(3)))).toBeLessThanOrEqual(1);
    expect(await both(() => tf.pow(tf.tensor1d(base), tf.tensor1d(base)))).toBeLessThanOrEqual(1);
    expect(
      await both(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.pow(a, b)))([tf.tensor1d(base), tf.scalar(3)])),
    ).toBeLessThanOrEqual(1);
  });
});
