import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from '../init.js';
import {
  convCases,
  convLabel as label,
  convShapes as shapes,
  lcgValues,
  MATMUL_PAIRS,
  runKernel as run,
  transposed,
  wasmVsCpu,
  type ConvCase,
} from '../wasm/test-data.js';
import { loadNative } from './addon.js';
import { nativeCalls, nativeKernelsActive } from './register.js';

// Conformance of the native kernels against the `cpu` backend, with the tolerances of the wasm
// kernel tests. Skipped (with the reason) where the addon is not built or LOLA_NATIVE=0.
const load = loadNative();
if (!load.ok) console.warn(`native kernel tests skipped: ${load.reason}`);

const both = async (fn: () => tf.Tensor | tf.Tensor[]) => (await wasmVsCpu(fn)).err;
const t4 = (shape: [number, number, number, number], seed: number) => tf.tensor4d(lcgValues(tf.util.sizeFromShape(shape), seed), shape);

/** The wasm tests' pairs and one attention-sized batch of equal products. */
const PAIRS: [number[], number[]][] = [
  ...MATMUL_PAIRS,
  [
    [8, 40, 24],
    [8, 24, 40],
  ],
];

describe.skipIf(!load.ok)('native kernels match the cpu backend', () => {
  const cases = convCases();
  const dilated: ConvCase[] = cases.filter((c, i) => i % 4 === 0 && c.stride[0] === 1 && c.stride[1] === 1);

  beforeAll(async () => {
    const info = await initRuntime({ backend: 'native', threads: 2 });
    expect(info.native).toMatch(/OpenBLAS/);
    expect(nativeKernelsActive()).toBe(true);
  });

  it('matMul over every transpose combination, batch folding and broadcasting', async () => {
    for (const [i, [sa, sb]] of PAIRS.entries()) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const err = await both(() =>
            tf.matMul(
              tf.tensor(lcgValues(tf.util.sizeFromShape(sa), i), transposed(sa, tA)),
              tf.tensor(lcgValues(tf.util.sizeFromShape(sb), i + 50), transposed(sb, tB)),
              tA,
              tB,
            ),
          );
          expect(err, `${sa} x ${sb} tA=${tA} tB=${tB}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('broadcasting binary ops (same shape, bias rows, columns, scalars, middle axes) and Sum/Mean over axis blocks', async () => {
    const pairs: [number[], number[]][] = [
      [
        [64, 300],
        [64, 300],
      ],
      [[64, 300], [300]],
      [
        [64, 300],
        [64, 1],
      ],
      [[64, 300], []],
      [[], [64, 300]],
      [
        [4, 1, 300],
        [1, 17, 1],
      ],
      [
        [2, 5, 60, 30],
        [5, 1, 30],
      ],
      [
        [1, 1, 1],
        [8, 64, 40],
      ],
      [
        [3, 70000],
        [1, 70000],
      ],
    ];
    const calls = nativeCalls();
    for (const [i, [sa, sb]] of pairs.entries()) {
      const err = await both(() => {
        const a = tf.tensor(lcgValues(tf.util.sizeFromShape(sa), i), sa);
        const b = tf.add(tf.tensor(lcgValues(tf.util.sizeFromShape(sb), i + 9), sb), 2); // away from 0 for div
        return [tf.add(a, b), tf.sub(a, b), tf.mul(a, b), tf.div(a, b), tf.squaredDifference(a, b), tf.maximum(a, b), tf.minimum(a, b)];
      });
      expect(err, `${sa} with ${sb}`).toBeLessThanOrEqual(1);
    }
    expect(nativeCalls()).toBeGreaterThanOrEqual(calls + 7 * pairs.length); // every op of every pair ran natively
    const x = [6, 40, 30, 20];
    for (const axis of [3, 2, 1, 0, [1, 2], [2, 3], [0, 1, 2, 3]]) {
      for (const keepDims of [false, true]) {
        const err = await both(() => {
          const t = tf.tensor(lcgValues(tf.util.sizeFromShape(x), 3), x);
          return [tf.sum(t, axis, keepDims), tf.mean(t, axis, keepDims)];
        });
        expect(err, `axis ${JSON.stringify(axis)} keepDims ${keepDims}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('fused matMul with bias and relu, and its gradients', async () => {
    const err = await both(() => {
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.square(tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu', transposeB: true })));
      const [ga, gb, gc] = tf.grads(f)([
        tf.tensor2d(lcgValues(6 * 9, 1), [6, 9]),
        tf.tensor2d(lcgValues(5 * 9, 2), [5, 9]),
        tf.tensor1d(lcgValues(5, 3)),
      ]);
      return [
        ga!,
        gb!,
        gc!,
        tf.fused.matMul({
          a: tf.tensor2d(lcgValues(6 * 9, 1), [6, 9]),
          b: tf.tensor2d(lcgValues(9 * 5, 4), [9, 5]),
          bias: tf.tensor1d(lcgValues(5, 3)),
          activation: 'relu',
        }),
      ];
    });
    expect(err).toBeLessThanOrEqual(1);
  });

  it.each(['dnnl', 'im2col'] as const)(
    `Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter on ${cases.length} cases (%s)`,
    async (engine) => {
      if (!load.ok) return;
      load.addon.setConvEngine(engine);
      if (engine === 'dnnl' && !/oneDNN/.test(load.addon.info().conv)) console.warn('oneDNN not compiled in: the im2col path runs twice');
      for (const [i, c] of cases.entries()) {
        const s = shapes(c);
        const fwd = await both(() =>
          run(
            'Conv2D',
            { x: t4(s.x, i), filter: t4(s.f, i + 99) },
            { strides: c.stride, pad: c.pad, dilations: [1, 1], dataFormat: 'NHWC' },
          ),
        );
        expect(fwd, `Conv2D ${label(c)}`).toBeLessThanOrEqual(1);
        const bi = await both(() =>
          run(
            'Conv2DBackpropInput',
            { dy: t4(s.dy, i + 3), filter: t4(s.f, i + 11) },
            { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: s.x },
          ),
        );
        expect(bi, `Conv2DBackpropInput ${label(c)}`).toBeLessThanOrEqual(1);
        const bf = await both(() =>
          run(
            'Conv2DBackpropFilter',
            { x: t4(s.x, i), dy: t4(s.dy, i + 7) },
            { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: s.f },
          ),
        );
        expect(bf, `Conv2DBackpropFilter ${label(c)}`).toBeLessThanOrEqual(1);
      }
      load.addon.setConvEngine('dnnl');
    },
  );

  it('dilated Conv2D, FusedConv2D with bias and relu', async () => {
    for (const [i, c] of dilated.entries()) {
      const s = shapes({ ...c, pad: 'same' });
      const err = await both(() => tf.conv2d(t4(s.x, i), t4(s.f, i + 1), 1, 'same', 'NHWC', 2));
      expect(err, `dilated ${label(c)}`).toBeLessThanOrEqual(1);
    }
    const err = await both(() =>
      tf.fused.conv2d({
        x: t4([2, 9, 7, 3], 1),
        filter: t4([3, 3, 3, 4], 2),
        strides: 2,
        pad: 'same',
        bias: tf.tensor1d(lcgValues(4, 3)),
        activation: 'relu',
      }),
    );
    expect(err).toBeLessThanOrEqual(1);
  });

  it.each(['dnnl', 'im2col'] as const)(
    'FusedConv2D with the bias inside the convolution (3×3, 1×1, strided, %s) and its gradients',
    async (engine) => {
      if (!load.ok) return;
      load.addon.setConvEngine(engine);
      const calls = nativeCalls();
      for (const [i, [x, f, s]] of (
        [
          [[2, 9, 7, 3], [3, 3, 3, 4], 1],
          [[1, 40, 40, 8], [3, 3, 8, 5], 1],
          [[3, 6, 6, 16], [1, 1, 16, 7], 1],
          [[2, 11, 9, 4], [3, 3, 4, 6], 2],
        ] as [[number, number, number, number], [number, number, number, number], number][]
      ).entries()) {
        const err = await both(() => {
          const g = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.square(tf.fused.conv2d({ x: a as tf.Tensor4D, filter: w as tf.Tensor4D, strides: s, pad: 'same', bias: b }))),
          );
          const args = [t4(x, i), t4(f, i + 1), tf.tensor1d(lcgValues(f[3], i + 2))];
          return [
            tf.fused.conv2d({ x: args[0] as tf.Tensor4D, filter: args[1] as tf.Tensor4D, strides: s, pad: 'same', bias: args[2] }),
            ...g(args),
          ];
        });
        expect(err, `${x} ${f} s${s} ${engine}`).toBeLessThanOrEqual(1);
      }
      expect(nativeCalls()).toBeGreaterThan(calls);
      load.addon.setConvEngine('dnnl');
    },
  );

  it('conv2d and conv2dTranspose gradients through tf.grads; a larger conv past one im2col chunk', async () => {
    for (const [i, c] of cases.filter((_, j) => j % 5 === 0).entries()) {
      const s = shapes(c);
      const err = await both(() => {
        const g = tf.grads((x: tf.Tensor, f: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad), t4(s.dy, i + 23))),
        );
        const [gx, gf] = g([t4(s.x, i + 21), t4(s.f, i + 22)]);
        return tf.concat([gx!.flatten(), gf!.flatten()]);
      });
      expect(err, `conv2d grads ${label(c)}`).toBeLessThanOrEqual(1);
      if (c.pad === 'same' || c.pad === 'valid') {
        const errT = await both(() => {
          const g = tf.grads((y: tf.Tensor, f: tf.Tensor) =>
            tf.sum(tf.mul(tf.conv2dTranspose(y as tf.Tensor4D, f as tf.Tensor4D, s.x, c.stride, c.pad as 'same'), t4(s.x, i + 21))),
          );
          const [gy, gf] = g([t4(s.dy, i + 23), t4(s.f, i + 22)]);
          return tf.concat([gy!.flatten(), gf!.flatten()]);
        });
        expect(errT, `conv2dTranspose grads ${label(c)}`).toBeLessThanOrEqual(1);
      }
    }
    // 80·80 rows × 5·5·64 columns > the 2^23-float im2col chunk: the image is split across chunks.
    const calls = nativeCalls();
    const big = await both(() => {
      const g = tf.grads((x: tf.Tensor, f: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'same'), t4([1, 80, 80, 2], 7))),
      );
      const [gx, gf] = g([t4([1, 80, 80, 64], 5), t4([5, 5, 64, 2], 6)]);
      return [gx!, gf!];
    });
    expect(big).toBeLessThanOrEqual(1);
    expect(nativeCalls()).toBe(calls + 3); // forward, input and filter gradients ran natively
  });
});
