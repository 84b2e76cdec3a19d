import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { CPU_FALLBACK_KERNELS } from './cpu-fallback.js';
import { lcgValues, wasmVsCpu } from './test-data.js';

const both = async (fn: () => tf.Tensor | tf.Tensor[]) => (await wasmVsCpu(fn, 1e-5, 1e-5)).err;

describe('cpu fallbacks for kernels the wasm backend lacks', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('registers every fallback kernel for wasm', () => {
    for (const name of CPU_FALLBACK_KERNELS) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
  });

  it('UnsortedSegmentSum directly and as the gather gradient (float32 and int32)', async () => {
    const x = lcgValues(5 * 3, 1);
    const ids = [2, 0, 2, 1, 4];
    expect(await both(() => tf.unsortedSegmentSum(tf.tensor2d(x, [5, 3]), tf.tensor1d(ids, 'int32'), 6))).toBeLessThanOrEqual(1);
    expect(
      await both(() => tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4, 5], 'int32'), tf.tensor1d(ids, 'int32'), 5)),
    ).toBeLessThanOrEqual(1);
    const table = lcgValues(7 * 4, 2);
    const err = await both(() =>
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d([3, 3, 0, 6, 1], 'int32')), tf.tensor2d(lcgValues(20, 3), [5, 4]))))(
        tf.tensor2d(table, [7, 4]),
      ),
    );
    expect(err).toBeLessThanOrEqual(1);
  });

  it('depthwise conv gradients (both backprops) for SAME/VALID, stride 1 and 2', async () => {
    for (const [i, [stride, pad]] of (
      [
        [1, 'same'],
        [2, 'same'],
        [1, 'valid'],
        [2, 'valid'],
      ] as const
    ).entries()) {
      const x = lcgValues(2 * 7 * 6 * 3, i + 10);
      const f = lcgValues(3 * 3 * 3 * 2, i + 20);
      const err = await both(() => {
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad))),
        );
        return g([tf.tensor4d(x, [2, 7, 6, 3]), tf.tensor4d(f, [3, 3, 3, 2])]);
      });
      expect(err, `stride ${stride} ${pad}`).toBeLessThanOrEqual(1);
    }
  });

  it('einsum', async () => {
    const a = lcgValues(3 * 4, 30);
    const b = lcgValues(4 * 5, 31);
    expect(await both(() => tf.einsum('ij,jk->ik', tf.tensor2d(a, [3, 4]), tf.tensor2d(b, [4, 5])))).toBeLessThanOrEqual(1);
  });
});
