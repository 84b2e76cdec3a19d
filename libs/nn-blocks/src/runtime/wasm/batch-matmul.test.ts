import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { closeness, onBackend } from '../oracle.js';
import { groupedPlan } from './grouped-matmul.js';
import { lcgValues } from './test-data.js';

async function both(fn: () => tf.Tensor | tf.Tensor[]) {
  const cpu = await onBackend('cpu', fn);
  const wasm = await onBackend('wasm', fn);
  return closeness(wasm, cpu, 1e-4, 1e-4);
}

/** [a shape, b shape] pairs before transposes (a: [..., M, K], b: [..., K, N]). */
const PAIRS: [number[], number[]][] = [
  [
    [5, 7],
    [7, 3],
  ],
  [
    [1, 1],
    [1, 1],
  ],
  [
    [1, 9],
    [9, 1],
  ],
  [
    [6, 1],
    [1, 4],
  ],
  [
    [3, 5, 7],
    [3, 7, 4],
  ],
  [
    [2, 5, 7],
    [7, 4],
  ],
  [
    [2, 5, 7],
    [1, 7, 4],
  ],
  [
    [5, 7],
    [3, 7, 4],
  ],
  [
    [1, 5, 7],
    [3, 7, 2],
  ],
  [
    [2, 3, 5, 7],
    [2, 3, 7, 4],
  ],
  [
    [2, 3, 5, 7],
    [7, 4],
  ],
  [
    [2, 1, 5, 7],
    [1, 3, 7, 4],
  ],
  [
    [4, 1, 6],
    [4, 6, 1],
  ],
  [
    [3, 4, 1],
    [3, 1, 5],
  ],
  [
    [1, 2, 3, 9, 8],
    [2, 3, 8, 10],
  ],
  [
    [12, 20, 8],
    [12, 8, 20],
  ],
  [
    [8, 24, 24],
    [8, 24, 4],
  ],
];

function transposed(shape: number[], t: boolean): number[] {
  if (!t) return shape;
  const s = shape.slice();
  const r = s.length;
  [s[r - 2], s[r - 1]] = [s[r - 1]!, s[r - 2]!];
  return s;
}

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
    for (const [i, [sa, sb]] of PAIRS.entries()) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const ashape = transposed(sa, tA);
          const bshape = transposed(sb, tB);
          const av = lcgValues(tf.util.sizeFromShape(ashape), 3 * i + 1);
          const bv = lcgValues(tf.util.sizeFromShape(bshape), 3 * i + 2);
          const err = await both(() => tf.matMul(tf.tensor(av, ashape), tf.tensor(bv, bshape), tA, tB));
          expect(err, `${ashape} x ${bshape} tA=${tA} tB=${tB}`).toBeLessThanOrEqual(1);
        }
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
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const ashape = transposed(sa, tA);
          const bshape = transposed(sb, tB);
          const av = lcgValues(tf.util.sizeFromShape(ashape), 5 * i + 1);
          const bv = lcgValues(tf.util.sizeFromShape(bshape), 5 * i + 2);
          const biasv = sbias ? lcgValues(tf.util.sizeFromShape(sbias), 5 * i + 3) : null;
          const err = await both(() =>
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
    }
  });

  it('matMul gradients (weight gradients use transposed products) match', async () => {
    const av = lcgValues(3 * 5 * 7, 41);
    const bv = lcgValues(3 * 7 * 4, 42);
    const wv = lcgValues(7 * 4, 43);
    const err = await both(() => {
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.add(tf.matMul(a, b, false, false), tf.matMul(a.reshape([15, 7]), w).reshape([3, 5, 4]))),
      );
      return g([tf.tensor3d(av, [3, 5, 7]), tf.tensor3d(bv, [3, 7, 4]), tf.tensor2d(wv, [7, 4])]);
    });
    expect(err).toBeLessThanOrEqual(1);
  });
});
