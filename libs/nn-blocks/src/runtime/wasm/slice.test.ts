import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { closeness, onBackend } from '../oracle.js';
import { lcgValues } from './test-data.js';

describe('wasm Slice and SplitV match the cpu backend', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('slices of ranks 1–6 (contiguous, strided, size -1, empty), float32/int32/bool', async () => {
    const cases: [number[], number[], number[]][] = [
      [[10], [3], [4]],
      [[10], [0], [-1]],
      [
        [4, 9],
        [1, 2],
        [2, 5],
      ],
      [
        [4, 9],
        [2, 0],
        [2, 9],
      ],
      [
        [3, 4, 20],
        [1, 1, 3],
        [2, 3, 12],
      ],
      [
        [3, 4, 20],
        [0, 2, 0],
        [3, 1, 20],
      ],
      [
        [2, 3, 4, 5],
        [1, 0, 1, 2],
        [1, 3, 2, -1],
      ],
      [
        [2, 3, 4, 5, 6],
        [0, 1, 1, 0, 2],
        [2, 2, 3, 5, 3],
      ],
      [
        [2, 3, 1, 4, 5, 9],
        [1, 0, 0, 1, 1, 0],
        [1, 3, 1, 2, 4, 9],
      ],
      [
        [4, 5],
        [1, 1],
        [0, 3],
      ],
    ];
    for (const [i, [shape, begin, size]] of cases.entries()) {
      const v = lcgValues(tf.util.sizeFromShape(shape), i + 1);
      const fn = () => [
        tf.slice(tf.tensor(v, shape), begin, size),
        tf.cast(
          tf.slice(
            tf.tensor(
              Int32Array.from(v, (a) => Math.round(a * 100)),
              shape,
              'int32',
            ),
            begin,
            size,
          ),
          'float32',
        ),
        tf.cast(tf.slice(tf.greater(tf.tensor(v, shape), 0), begin, size), 'float32'),
      ];
      expect(closeness(await onBackend('wasm', fn), await onBackend('cpu', fn), 0, 0), `${shape} ${begin} ${size}`).toBe(0);
    }
  });

  it('split into equal and unequal parts along every axis, and the gradients of slice/split', async () => {
    const shape = [3, 4, 6];
    const v = lcgValues(72, 9);
    for (const axis of [0, 1, 2, -1]) {
      const fn = () => [
        ...tf.split(tf.tensor(v, shape), shape.at(axis)! === 3 ? 3 : 2, axis),
        ...tf.split(tf.tensor(v, shape), [1, -1], axis),
      ];
      expect(closeness(await onBackend('wasm', fn), await onBackend('cpu', fn), 0, 0), `axis ${axis}`).toBe(0);
    }
    const g = () =>
      tf.grad((t: tf.Tensor) =>
        tf.add(tf.sum(tf.square(tf.slice(t, [1, 0, 2], [2, 3, 3]))), tf.sum(tf.mul(tf.split(t, [2, 4], 2)[1]!, 3))),
      )(tf.tensor(v, shape));
    expect(closeness(await onBackend('wasm', g), await onBackend('cpu', g), 1e-6, 1e-6)).toBeLessThanOrEqual(1);
  });
});
