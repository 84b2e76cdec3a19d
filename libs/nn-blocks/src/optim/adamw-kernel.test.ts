import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../runtime/init.js';
import { onBackend } from '../runtime/oracle.js';
import { lcgValues } from '../runtime/wasm/test-data.js';
import { ADAMW_KERNEL, adamwOps, adamwParam, type AdamWScalars } from './adamw-kernel.js';

const n = 4099; // ≤ 2^15: the fused kernel
const inputs = () => {
  const g = lcgValues(n, 2).map((x, i) => (i % 97 === 0 ? 0 : i % 89 === 0 ? 1e-30 : x * 3));
  return {
    p: tf.tensor1d(lcgValues(n, 1)),
    g: tf.tensor1d(g),
    m: tf.tensor1d(lcgValues(n, 3).map((x) => x * 0.1)),
    v: tf.tensor1d(lcgValues(n, 4).map((x) => x * x * 0.01)),
  };
};
const cases: AdamWScalars[] = [
  { beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: 1, stepSize: 1e-3 / (1 - 0.9), bc2: 1 - 0.999, gradScale: 1 },
  { beta1: 0.9, beta2: 0.99, eps: 1e-8, decay: 1 - 3e-4 * 0.1, stepSize: 3e-4 / (1 - 0.9 ** 7), bc2: 1 - 0.99 ** 7, gradScale: 0.37331 },
];

describe('fused AdamW kernel', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('gives the bits of the op-by-op form on the cpu and wasm backends', async () => {
    for (const backend of ['cpu', 'wasm']) {
      expect(tf.getKernel(ADAMW_KERNEL, backend)).toBeDefined();
      for (const s of cases) {
        const fused = await onBackend(backend, () => {
          const { p, g, m, v } = inputs();
          return adamwParam(p, g, m, v, s);
        });
        const ops = await onBackend(backend, () => {
          const { p, g, m, v } = inputs();
          return adamwOps(p, g, m, v, s);
        });
        expect(fused.shapes).toEqual([[n], [n], [n]]);
        for (let k = 0; k < 3; k++) expect(Array.from(fused.values[k]!), `${backend} output ${k}`).toEqual(Array.from(ops.values[k]!));
      }
    }
  });
});
