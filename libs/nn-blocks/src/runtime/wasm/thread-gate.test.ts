import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { closeness, onBackend } from '../oracle.js';
import { lcgValues } from './test-data.js';
import { kernelWork, threadGateStats, threadpoolAddress } from './thread-gate.js';

const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));

describe('wasm thread gate', () => {
  it('finds the thread-pool global in the threaded binary and refuses changed code', () => {
    const bin = readFileSync(join(dist, 'tfjs-backend-wasm-threaded-simd.wasm'));
    const addr = threadpoolAddress(bin);
    expect(addr).toBeGreaterThan(0);
    // Corrupt the `i32.load` after the address constant: the parser must give up.
    const at = bin.indexOf(Buffer.from([0x28, 0x02, 0x00, 0x22, 0x00, 0x45, 0x04, 0x40, 0x41, 0x7f, 0x0f]));
    const changed = Buffer.from(bin);
    changed[at] = 0x29;
    expect(threadpoolAddress(changed)).toBeNull();
    expect(threadpoolAddress(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBeNull();
  });

  it('estimates work as multiply-adds for products and convolutions', () => {
    const t = (shape: number[]) => ({ dataId: {}, shape, dtype: 'float32' as const });
    expect(kernelWork('BatchMatMul', { a: t([64, 80, 16]), b: t([64, 80, 16]) }, { transposeA: false, transposeB: true })).toEqual([
      64 * 80 * 16 * 80,
      true,
    ]);
    expect(kernelWork('BatchMatMul', { a: t([1280, 64]), b: t([1280, 256]) }, { transposeA: true, transposeB: false })).toEqual([
      64 * 1280 * 256,
      true,
    ]);
    expect(kernelWork('BatchMatMul', { a: t([5, 7]), b: t([3, 7, 4]) }, {})).toEqual([3 * 5 * 7 * 4, true]);
    expect(kernelWork('Conv2D', { x: t([8, 64, 64, 8]), filter: t([3, 3, 8, 16]) }, { strides: 1 })).toEqual([
      8 * 64 * 64 * 9 * 8 * 16,
      true,
    ]);
    expect(kernelWork('Conv2DBackpropFilter', { x: t([8, 64, 64, 8]), dy: t([8, 64, 64, 16]) }, { filterShape: [3, 3, 8, 16] })).toEqual([
      8 * 64 * 64 * 16 * 9 * 8,
      true,
    ]);
    expect(kernelWork('Sigmoid', { x: t([16, 80, 256]) }, {})).toEqual([16 * 80 * 256, false]);
  });

  describe('on a 2-thread backend', () => {
    beforeAll(async () => {
      await initRuntime({ backend: 'wasm', threads: 2 });
    });

    it('is installed, runs small kernels on the calling thread and keeps results equal to the cpu backend', async () => {
      expect(threadGateStats().installed).toBe(true);
      const before = threadGateStats().inline;
      const a = lcgValues(4 * 64 * 64, 1);
      const b = lcgValues(4 * 64 * 64, 2);
      const fn = () => {
        const x = tf.tensor3d(a, [4, 64, 64]);
        const y = tf.tensor3d(b, [4, 64, 64]);
        const g = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.sigmoid(tf.matMul(u, v))));
        // Big enough to be timed in both modes over the repetitions.
        const outs: tf.Tensor[] = [];
        for (let i = 0; i < 5; i++) outs.push(...g([x, y]));
        return outs;
      };
      const cpu = await onBackend('cpu', fn);
      const wasm = await onBackend('wasm', fn);
      expect(closeness(wasm, cpu, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
      const s = threadGateStats();
      expect(s.inline).toBeGreaterThan(before);
      expect(s.pooled).toBeGreaterThan(0);
      // Every repetition gives the same bits whichever mode ran it.
      for (let i = 2; i < wasm.values.length; i++) expect(wasm.values[i]).toEqual(wasm.values[i % 2]);
    });
  });
});
