import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import { convCases, convLabel as label, convShapes as shapes, lcgValues, runKernel as run, wasmVsCpu } from './test-data.js';

const both = (fn: () => tf.Tensor) => wasmVsCpu(fn);

const cases = convCases();

describe('wasm conv kernels match the cpu backend', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it(`Conv2D forward (SAME as explicit pads) on ${cases.length} cases`, async () => {
    for (const [i, c] of cases.entries()) {
      const s = shapes(c);
      const { err } = await both(() =>
        run(
          'Conv2D',
          {
            x: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.x), i), s.x),
            filter: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.f), i + 99), s.f),
          },
          { strides: c.stride, pad: c.pad, dilations: [1, 1], dataFormat: 'NHWC' },
        ),
      );
      expect(err, label(c)).toBeLessThanOrEqual(1);
    }
  });

  it(`DepthwiseConv2dNative forward on ${cases.length} cases`, async () => {
    for (const [i, c] of cases.entries()) {
      const s = shapes(c);
      const f = [c.k[0], c.k[1], c.cin, 2] as [number, number, number, number];
      const { err } = await both(() =>
        run(
          'DepthwiseConv2dNative',
          {
            x: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.x), i), s.x),
            filter: tf.tensor4d(lcgValues(tf.util.sizeFromShape(f), i + 5), f),
          },
          {
            strides: c.stride[0] === c.stride[1] ? c.stride : [c.stride[0], c.stride[0]],
            pad: c.pad,
            dilations: [1, 1],
            dataFormat: 'NHWC',
          },
        ),
      );
      expect(err, label(c)).toBeLessThanOrEqual(1);
    }
  });

  it('Conv2D SAME with kernel < stride is not zero (stock XNNPACK bug)', async () => {
    const x = lcgValues(9 * 9, 5);
    const f = lcgValues(4, 6);
    const fn = () => tf.conv2d(tf.tensor4d(x, [1, 9, 9, 1]), tf.tensor4d(f, [2, 2, 1, 1]), 3, 'same');
    const { cpu, wasm, err } = await both(fn);
    expect(err).toBeLessThanOrEqual(1);
    expect(Math.max(...wasm.values[0]!.map(Math.abs))).toBeGreaterThan(0.01);
    expect(cpu.shapes[0]).toEqual([1, 3, 3, 1]);
  });

  it(`Conv2DBackpropFilter on ${cases.length} cases`, async () => {
    for (const [i, c] of cases.entries()) {
      const s = shapes(c);
      const { err } = await both(() =>
        run(
          'Conv2DBackpropFilter',
          {
            x: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.x), i), s.x),
            dy: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.dy), i + 7), s.dy),
          },
          { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: s.f },
        ),
      );
      expect(err, label(c)).toBeLessThanOrEqual(1);
    }
  });

  it(`Conv2DBackpropInput on ${cases.length} cases`, async () => {
    for (const [i, c] of cases.entries()) {
      const s = shapes(c);
      const { err } = await both(() =>
        run(
          'Conv2DBackpropInput',
          {
            dy: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.dy), i + 3), s.dy),
            filter: tf.tensor4d(lcgValues(tf.util.sizeFromShape(s.f), i + 11), s.f),
          },
          { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: s.x },
        ),
      );
      expect(err, label(c)).toBeLessThanOrEqual(1);
    }
  });

  it('conv2d and conv2dTranspose gradients (through tf.grads) match', async () => {
    for (const [i, c] of cases.filter((_, j) => j % 5 === 0).entries()) {
      const s = shapes(c);
      const xv = lcgValues(tf.util.sizeFromShape(s.x), i + 21);
      const fv = lcgValues(tf.util.sizeFromShape(s.f), i + 22);
      const rv = lcgValues(tf.util.sizeFromShape(s.dy), i + 23);
      const { err } = await both(() => {
        const g = tf.grads((x: tf.Tensor, f: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad), tf.tensor4d(rv, s.dy))),
        );
        const [gx, gf] = g([tf.tensor4d(xv, s.x), tf.tensor4d(fv, s.f)]);
        return tf.concat([gx!.flatten(), gf!.flatten()]);
      });
      expect(err, `conv2d grads ${label(c)}`).toBeLessThanOrEqual(1);
      if (c.pad === 'same' || c.pad === 'valid') {
        const { err: errT } = await both(() => {
          const g = tf.grads((y: tf.Tensor, f: tf.Tensor) =>
            tf.sum(tf.mul(tf.conv2dTranspose(y as tf.Tensor4D, f as tf.Tensor4D, s.x, c.stride, c.pad as 'same'), tf.tensor4d(xv, s.x))),
          );
          const [gy, gf] = g([tf.tensor4d(rv, s.dy), tf.tensor4d(fv, s.f)]);
          return tf.concat([gy!.flatten(), gf!.flatten()]);
        });
        expect(errT, `conv2dTranspose grads ${label(c)}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
