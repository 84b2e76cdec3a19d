import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { closeness, onBackend } from '../oracle.js';
import { reducePermutation } from './transpose.js';
import { lcgValues } from './test-data.js';

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('wasm Transpose and Identity', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('reduces size-1 axes and merges axes that stay adjacent', () => {
    expect(reducePermutation([8, 256, 3, 4, 32], [2, 0, 3, 1, 4])).toEqual({ shape: [8, 256, 3, 4, 32], perm: [2, 0, 3, 1, 4] });
    expect(reducePermutation([2, 3, 4, 5, 6], [0, 3, 4, 1, 2])).toEqual({ shape: [2, 12, 30], perm: [0, 2, 1] });
    expect(reducePermutation([2, 1, 4], [1, 2, 0])).toEqual({ shape: [2, 4], perm: [1, 0] });
    expect(reducePermutation([1, 1], [1, 0])).toEqual({ shape: [], perm: [] });
  });

  it('matches the cpu backend for every permutation of ranks 1–4 and samples of ranks 5, 6 (float32, int32)', async () => {
    const shapes = [[5], [3, 4], [2, 3, 4], [2, 3, 1, 4], [2, 3, 4, 2, 3], [2, 1, 3, 2, 2, 3]];
    for (const shape of shapes) {
      const perms = permutations(shape.length);
      const pick =
        shape.length === 6 ? perms.filter((_, i) => i % 37 === 0) : shape.length === 5 ? perms.filter((_, i) => i % 3 === 0) : perms;
      const values = lcgValues(tf.util.sizeFromShape(shape), shape.length);
      const ints = Int32Array.from(values, (v) => Math.round(v * 1000));
      for (const perm of pick) {
        const fn = () => [
          tf.transpose(tf.tensor(values, shape), perm),
          tf.cast(tf.transpose(tf.tensor(ints, shape, 'int32'), perm), 'float32'),
        ];
        const err = closeness(await onBackend('wasm', fn), await onBackend('cpu', fn), 0, 0);
        expect(err, `${shape} perm ${perm}`).toBe(0);
      }
    }
  });

  it('tiled path for swaps of two large trailing axes (2-D and batched, float32/int32/bool)', async () => {
    for (const [shape, perm] of [
      [
        [130, 67],
        [1, 0],
      ],
      [
        [2, 70, 65],
        [0, 2, 1],
      ],
      [
        [3, 1, 64, 97],
        [0, 1, 3, 2],
      ],
    ] as [number[], number[]][]) {
      const v = lcgValues(tf.util.sizeFromShape(shape), 5);
      const fn = () => [
        tf.transpose(tf.tensor(v, shape), perm),
        tf.cast(
          tf.transpose(
            tf.tensor(
              Int32Array.from(v, (a) => Math.round(a * 1e4)),
              shape,
              'int32',
            ),
            perm,
          ),
          'float32',
        ),
        tf.cast(tf.transpose(tf.greater(tf.tensor(v, shape), 0), perm), 'float32'),
      ];
      expect(closeness(await onBackend('wasm', fn), await onBackend('cpu', fn), 0, 0), `${shape} ${perm}`).toBe(0);
    }
  });

  it('Identity shares the data without leaking, and clones stay independent of disposal', async () => {
    const a = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    const b = tf.clone(a);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before - 1);
    const v = tf.variable(tf.tensor1d([4, 5]));
    const snapshot = tf.clone(v);
    v.assign(tf.tensor1d([6, 7]));
    expect(Array.from(snapshot.dataSync())).toEqual([4, 5]);
    tf.dispose([v, snapshot]);
  });

  it('Cast to the same dtype shares the data; other casts convert', () => {
    const a = tf.tensor1d([1.5, -2, 0]);
    const b = tf.cast(a, 'float32');
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1.5, -2, 0]);
    const i = tf.cast(b, 'int32');
    expect(i.dtype).toBe('int32');
    const j = tf.cast(i, 'int32');
    expect(Array.from(j.dataSync())).toEqual([1, -2, 0]);
    const f = tf.tidy(() => tf.cast(tf.tensor1d([true, false], 'bool'), 'float32'));
    expect(Array.from(f.dataSync())).toEqual([1, 0]);
    tf.dispose([b, i, j, f]);
  });
});
