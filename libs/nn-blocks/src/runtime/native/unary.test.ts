import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gelu, silu } from '../../layers/activation.js';
import { scaledDotProductAttention } from '../../layers/attention.js';
import { channelLayerNorm, layerNorm, rmsNorm } from '../../layers/norm.js';
import { scaledSoftmax } from '../../layers/softmax.js';
import { initRuntime } from '../init.js';
import { lcgValues, wasmVsCpu } from '../wasm/test-data.js';
import { loadNative } from './addon.js';
import { nativeCalls, setNativeKernelsEnabled } from './register.js';

// Conformance of the native unary kernels, Softmax and the fused norm / activation kernels
// (docs/runtime.md §3) against the `cpu` backend (op-by-op forms there), at the wasm tests'
// tolerance. Skipped (with the reason) where the addon is not built or LOLA_NATIVE=0.
const load = loadNative();
if (!load.ok) console.warn(`native unary kernel tests skipped: ${load.reason}`);

const both = async (fn: () => tf.Tensor | tf.Tensor[]) => (await wasmVsCpu(fn, 1e-4, 1e-4)).err;

/** Values in [−scale, scale) with the extremes and zero at the front. */
function values(n: number, seed: number, scale: number): Float32Array {
  const v = lcgValues(n, seed).map((x) => x * scale);
  v.set([0, -0, scale, -scale, 1e-6, -1e-6, 88, -88, 100, -100].slice(0, n));
  return v;
}

// Sizes: below the native threshold (wasm), single-threaded native, past the threading threshold,
// odd lengths (vector tails).
const SIZES: number[][] = [[7, 9], [64, 65], [3, 50001], [4099]];

describe.skipIf(!load.ok)('native unary, softmax and fused kernels match the cpu backend', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'native', threads: 2 });
  });

  it('Exp, Sigmoid, Tanh, Square, Rsqrt over sizes and extreme inputs', async () => {
    const calls = nativeCalls();
    for (const [i, shape] of SIZES.entries()) {
      const n = tf.util.sizeFromShape(shape);
      const err = await both(() => {
        const x = tf.tensor(values(n, i, 20), shape);
        const big = tf.tensor(values(n, i + 5, 100), shape);
        return [
          tf.exp(tf.minimum(tf.tensor(values(n, i, 80), shape), 88)),
          tf.sigmoid(big),
          tf.tanh(x),
          tf.tanh(tf.mul(x, 0.01)),
          tf.square(x),
          tf.rsqrt(tf.add(tf.abs(x), 1e-3)),
        ];
      });
      expect(err, `shape ${shape}`).toBeLessThanOrEqual(1);
    }
    expect(nativeCalls()).toBeGreaterThanOrEqual(calls + 5 * 3);
  });

  it('Softmax over the last axis (rows of 1, 7, 256, 4099) and its gradient', async () => {
    for (const [i, shape] of [
      [5000, 1],
      [900, 7],
      [2, 4, 256, 256],
      [3, 4099],
    ].entries()) {
      const n = tf.util.sizeFromShape(shape);
      const err = await both(() => {
        const x = tf.tensor(values(n, i, 30), shape);
        const w = tf.tensor(lcgValues(n, i + 3), shape);
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.softmax(t), w)))(x);
        return [tf.softmax(x), g];
      });
      expect(err, `shape ${shape}`).toBeLessThanOrEqual(1);
    }
  });

  it('layerNorm, channelLayerNorm, rmsNorm and silu, gelu: values and gradients, small and large', async () => {
    const calls = nativeCalls();
    const fns: [string, (x: tf.Tensor) => tf.Tensor][] = [
      ['layerNorm', (x) => layerNorm(x)],
      ['channelLayerNorm', (x) => channelLayerNorm(x)],
      ['rmsNorm', (x) => rmsNorm(x)],
      ['silu', silu],
      ['gelu', gelu],
    ];
    for (const [name, f] of fns) {
      for (const [i, shape] of [
        [3, 5],
        [2, 9, 8],
        [2048, 128],
        [37, 513],
        [4100, 8],
        [999, 16],
        [600, 4],
        [700, 32],
      ].entries()) {
        const n = tf.util.sizeFromShape(shape);
        const err = await both(() => {
          const x = tf.add(
            tf.tensor(values(n, i, 6), shape),
            tf.tensor(lcgValues(shape[shape.length - 1]!, i), [shape[shape.length - 1]!]),
          );
          const w = tf.tensor(lcgValues(n, i + 7), shape);
          const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), w)))(x);
          return [f(x), g];
        });
        expect(err, `${name} ${shape}`).toBeLessThanOrEqual(1);
      }
    }
    expect(nativeCalls()).toBeGreaterThanOrEqual(calls + 5 * 8 * 2); // every forward and gradient fused
  });

  it('scaledSoftmax (fused scale, softmax and gradient) and attention through it', async () => {
    const calls = nativeCalls();
    for (const [i, shape] of [
      [6, 5],
      [3, 7, 256],
      [2, 4099],
    ].entries()) {
      for (const scale of [1, 0.17, 3]) {
        const n = tf.util.sizeFromShape(shape);
        const err = await both(() => {
          const x = tf.tensor(values(n, i, 10), shape);
          const w = tf.tensor(lcgValues(n, i + 1), shape);
          return [scaledSoftmax(x, scale), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(scaledSoftmax(t, scale), w)))(x)];
        });
        expect(err, `${shape} scale ${scale}`).toBeLessThanOrEqual(1);
      }
    }
    expect(nativeCalls()).toBeGreaterThanOrEqual(calls + 9 * 2);
    const err = await both(() => {
      const [q, k, v] = [1, 2, 3].map((s) => tf.tensor(lcgValues(2 * 3 * 40 * 8, s), [2, 3, 40, 8]));
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.square(scaledDotProductAttention(a, b, c)));
      return [scaledDotProductAttention(q!, k!, v!), ...tf.grads(f)([q!, k!, v!])];
    });
    expect(err).toBeLessThanOrEqual(1);
  });

  it('Transpose of every permutation of rank ≤ 4 (float32, int32), the rank-5 attention head split and the pixel shuffle', async () => {
    const calls = nativeCalls();
    const perms = (r: number): number[][] =>
      r === 1 ? [[0]] : perms(r - 1).flatMap((p) => Array.from({ length: r }, (_, k) => [...p.slice(0, k), r - 1, ...p.slice(k)]));
    for (const shape of [[5000], [70, 90], [9, 30, 17], [300, 5, 4], [4, 9, 1, 130], [6, 5, 8, 31], [300, 3, 2, 3]]) {
      for (const perm of perms(shape.length)) {
        const n = tf.util.sizeFromShape(shape);
        const err = await both(() => {
          const x = tf.tensor(lcgValues(n, perm.length), shape);
          return [tf.transpose(x, perm), tf.cast(tf.transpose(tf.cast(tf.mul(x, 1000), 'int32'), perm), 'float32')];
        });
        expect(err, `${shape} ${perm}`).toBeLessThanOrEqual(1);
      }
    }
    // the head split (row copies) and the pixel shuffle's [N, C, 2, 2] → [N, 2, 2, C] (gathers of stride 4)
    const err = await both(() => [
      tf.transpose(tf.tensor(lcgValues(2 * 64 * 3 * 4 * 8, 1), [2, 64, 3, 4, 8]), [2, 0, 3, 1, 4]),
      tf.transpose(tf.tensor(lcgValues(999 * 8 * 4, 2), [999, 8, 2, 2]), [0, 2, 3, 1]),
    ]);
    expect(err).toBeLessThanOrEqual(1);
    expect(nativeCalls()).toBeGreaterThan(calls);
  });

  it('no tensors or backend data leak through the fused kernels and their gradients', () => {
    expect(tf.getBackend()).toBe('wasm');
    const x = tf.tensor(values(64 * 40, 4, 3), [64, 40]);
    const step = () =>
      tf.tidy(() =>
        tf
          .grad((t: tf.Tensor) => tf.sum(gelu(silu(rmsNorm(channelLayerNorm(layerNorm(scaledSoftmax(t, 0.5))))))))(x)
          .sum()
          .dataSync(),
      );
    step();
    const tensors = tf.memory().numTensors;
    const ids = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(ids);
    x.dispose();
  });

  it('the layers fall back to their op-by-op forms while native kernels are off', async () => {
    const calls = nativeCalls();
    setNativeKernelsEnabled(false);
    try {
      const err = await both(() => [gelu(tf.tensor(values(300, 1, 5))), layerNorm(tf.tensor(values(300, 2, 5), [10, 30]))]);
      expect(err).toBeLessThanOrEqual(1);
    } finally {
      setNativeKernelsEnabled(true);
    }
    expect(nativeCalls()).toBe(calls);
  });
});
