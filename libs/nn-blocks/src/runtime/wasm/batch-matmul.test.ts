import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { groupedPlan } from './grouped-matmul.js';
import { lcgValues, MATMUL_PAIRS, transposeCases, wasmVsCpu } from './test-data.js';

describe('grouped BatchMatMul plan', () => {
  const t = (shape: number[]) => ({ dataId: {}, shape, dtype: 'float32' as const });
  it('picks the layout with the cheapest layout changes for attention products', () => {
    const qk = groupedPlan(t([16, 4, 80, 16]), t([16, 4, 80, 16]), false, true);
    expect(qk).toMatchObject({ layout: 'direct', G: 64, M: 80, K: 16, N: 80, outShape: [16, 4, 80, 80] });
    expect(groupedPlan(t([64, 80, 80]), t([64, 80, 16]), false, false)).toBeNull(); // p·v: per entry
    expect(groupedPlan(t([64, 80, 80]), t([64, 80, 16]), true, false)).toMatchObject({ layout: 'swapped', M: 80, K: 80, N: 16 });
    expect(groupedPlan(t([2, 300, 300]), t([2, 300, 300]), false, false)).toBeNull(); // too much work per product
    expect(groupedPlan(t([3, 5, 7]), t([7, 4]), false, false)).toBeNull(); // not equal batches
  });
});

describe('wasm BatchMatMul and _FusedMatMul match the cpu backend', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('matMul over batch folding, per-batch products, transposes and broadcasting', async () => {
    for (const [i, [sa, sb]] of MATMUL_PAIRS.entries()) {
      for (const { tA, tB, ashape, bshape } of transposeCases(sa, sb)) {
        const av = lcgValues(tf.util.sizeFromShape(ashape), 3 * i + 1);
        const bv = lcgValues(tf.util.sizeFromShape(bshape), 3 * i + 2);
        const { err } = await wasmVsCpu(() => tf.matMul(tf.tensor(av, ashape), tf.tensor(bv, bshape), tA, tB));
        expect(err, `${ashape} x ${bshape} tA=${tA} tB=${tB}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('fused matMul with bias and activations (folded and stock paths)', async () => {
    const cases: [number[], number[], number[] | null, 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid'][] = [
      [[2, 5, 7], [7, 4], [4], 'relu'],
      [[2, 5, 7], [1, 7, 4], [4], 'linear'],
      [[5, 7], [7, 4], [1], 'elu'],
      [[3, 5, 7], [3, 7, 4], [4], 'sigmoid'],
      [[2, 5, 7], [7, 4], [5, 4], 'relu'],
      [[2, 5, 7], [7, 4], null, 'relu'],
      [[5, 7], [7, 4], [1], 'linear'],
      [[2, 5, 7], [7, 4], [2, 1, 4], 'relu6'],
    ];
    for (const [i, [sa, sb, sbias, act]] of cases.entries()) {
      for (const { tA, tB, ashape, bshape } of transposeCases(sa, sb)) {
        const av = lcgValues(tf.util.sizeFromShape(ashape), 5 * i + 1);
        const bv = lcgValues(tf.util.sizeFromShape(bshape), 5 * i + 2);
        const biasv = sbias ? lcgValues(tf.util.sizeFromShape(sbias), 5 * i + 3) : null;
        const { err } = await wasmVsCpu(() =>
          tf.fused.matMul({
            a: tf.tensor(av, ashape),
            b: tf.tensor(bv, bshape),
            transposeA: tA,
            transposeB: tB,
            bias: biasv && sbias ? tf.tensor(biasv, sbias) : undefined,
            activation: act,
          }),
        );
        expect(err, `${ashape} x ${bshape} bias ${sbias} ${act} tA=${tA} tB=${tB}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('matMul gradients (weight gradients use transposed products) match', async () => {
    const av = lcgValues(3 * 5 * 7, 41);
    const bv = lcgValues(3 * 7 * 4, 42);
    const wv = lcgValues(7 * 4, 43);
    const { err } = await wasmVsCpu(() => {
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.add(tf.matMul(a, b, false, false), tf.matMul(a.reshape([15, 7]), w).reshape([3, 5, 4]))),
      );
      return g([tf.tensor3d(av, [3, 5, 7]), tf.tensor3d(bv, [3, 7, 4]), tf.tensor2d(wv, [7, 4])]);
    });
    expect(err).toBeLessThanOrEqual(1);
  });
});
