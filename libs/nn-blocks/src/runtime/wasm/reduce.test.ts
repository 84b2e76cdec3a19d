import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { closeness, onBackend } from '../oracle.js';
import { lcgValues } from './test-data.js';

describe('wasm Sum and Mean match the cpu backend', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('over leading, middle, trailing, all and size-1 axes, with keepDims, and int32 / non-contiguous (stock)', async () => {
    const shape = [3, 1, 4, 5, 2];
    const x = lcgValues(tf.util.sizeFromShape(shape), 7);
    const axesList: (number | number[])[] = [0, 1, 2, 4, -1, [0, 1], [1, 2], [2, 3], [2, 3, 4], [0, 1, 2, 3, 4], [0, 2], [3, 1, 2]];
    for (const axis of axesList) {
      for (const keepDims of [false, true]) {
        const fn = () => [
          tf.sum(tf.tensor(x, shape), axis, keepDims),
          tf.mean(tf.tensor(x, shape), axis, keepDims),
          tf.cast(tf.sum(tf.tensor(x, shape, 'int32'), axis, keepDims), 'float32'),
        ];
        const err = closeness(await onBackend('wasm', fn), await onBackend('cpu', fn), 1e-6, 1e-6);
        expect(err, `axis ${JSON.stringify(axis)} keepDims ${keepDims}`).toBeLessThanOrEqual(1);
      }
    }
    const big = lcgValues(300 * 7, 8);
    const fn = () => [
      tf.sum(tf.tensor2d(big, [300, 7]), 0),
      tf.sum(tf.tensor2d(big, [300, 7]), 1),
      tf.sum(tf.tensor2d(big, [300, 7])),
      tf.mean(tf.tensor2d(big, [300, 7]), 0),
    ];
    expect(closeness(await onBackend('wasm', fn), await onBackend('cpu', fn), 1e-5, 1e-5)).toBeLessThanOrEqual(1);
  });
});
