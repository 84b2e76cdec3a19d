import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { disposeParams } from '../params/tree.js';
import { conv, identityInit, initConv } from './conv.js';
import { gradientCheck } from './gradcheck.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Naive float64 NHWC "same" conv with zero padding. */
function naiveConv2d(x: Float32Array, [b, h, w, ci]: number[], wt: Float32Array, k: number, co: number, bias: Float32Array): Float64Array {
  const out = new Float64Array(b * h * w * co);
  const r = (k - 1) / 2;
  for (let n = 0; n < b; n++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let o = 0; o < co; o++) {
          let s = bias[o]!;
          for (let di = 0; di < k; di++)
            for (let dj = 0; dj < k; dj++) {
              const ii = i + di - r,
                jj = j + dj - r;
              if (ii < 0 || jj < 0 || ii >= h || jj >= w) continue;
              for (let c = 0; c < ci; c++) s += x[((n * h + ii) * w + jj) * ci + c]! * wt[((di * k + dj) * ci + c) * co + o]!;
            }
          out[((n * h + i) * w + j) * co + o] = s;
        }
  return out;
}

describe('conv', () => {
  it('matches a naive zero-padded "same" convolution (3×3 and 1×1)', () => {
    for (const k of [3, 1]) {
      const p = initConv(new Rng(k), 3, 4, { kernel: k });
      expect(p.weight.shape).toEqual([k, k, 3, 4]);
      const x = tf.randomNormal([2, 5, 6, 3], 0, 1, 'float32', 1);
      const y = conv(p, x);
      expect(y.shape).toEqual([2, 5, 6, 4]);
      const ref = naiveConv2d(
        x.dataSync() as Float32Array,
        x.shape,
        p.weight.dataSync() as Float32Array,
        k,
        4,
        p.bias!.dataSync() as Float32Array,
      );
      const got = y.dataSync();
      for (let i = 0; i < ref.length; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThan(1e-5);
      tf.dispose([x, y]);
      disposeParams(p);
    }
  });

  it('uses the PyTorch default bound 1/√(in·k²) and rejects bad shapes', () => {
    const p = initConv(new Rng(0), 4, 2);
    for (const v of p.weight.dataSync()) expect(Math.abs(v)).toBeLessThanOrEqual(1 / 6);
    expect(() => conv(p, tf.zeros([1, 3, 3, 5]))).toThrow(/5 channels, weight expects 4/);
    expect(() => initConv(new Rng(0), 1, 1, { kernel: 2 })).toThrow(/odd/);
    disposeParams(p);
  });

  it('does 3-D convolutions (NDHWC)', () => {
    const p = initConv(new Rng(1), 2, 3, { dims: 3 });
    expect(p.weight.shape).toEqual([3, 3, 3, 2, 3]);
    const x = tf.randomNormal([1, 4, 3, 5, 2], 0, 1, 'float32', 2);
    const y = conv(p, x);
    expect(y.shape).toEqual([1, 4, 3, 5, 3]);
    // with only the centre depth tap non-zero, each depth slice is the 2-D conv of that slice
    const p2 = initConv(new Rng(2), 2, 3);
    const w3 = tf.stack([tf.zerosLike(p2.weight), p2.weight, tf.zerosLike(p2.weight)]);
    p.weight.assign(w3);
    const y3 = conv(p, x);
    for (let d = 0; d < 4; d++) {
      const slice = tf.reshape(tf.slice(x, [0, d], [1, 1]), [1, 3, 5, 2]);
      const y2 = tf.add(conv({ weight: p2.weight }, slice), p.bias!);
      const got = tf.slice(y3, [0, d], [1, 1]).dataSync();
      const want = y2.dataSync();
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
    }
    tf.dispose([x, y, w3, y3]);
    disposeParams(p);
    disposeParams(p2);
  });

  it('has finite-difference gradients (2-D 3×3, 2-D 1×1, 3-D 3×3)', () => {
    const rng = new Rng(3);
    const cases: [ReturnType<typeof initConv>, number[]][] = [
      [initConv(rng, 2, 3), [1, 4, 4, 2]],
      [initConv(rng, 2, 3, { kernel: 1 }), [2, 3, 3, 2]],
      [initConv(rng, 2, 2, { dims: 3 }), [1, 3, 3, 3, 2]],
    ];
    for (const [p, shape] of cases) {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 4);
      const res = gradientCheck(rng, ([xi]) => conv(p, xi!), p, [x]);
      expect(res.maxError).toBeLessThan(2e-2);
      x.dispose();
      disposeParams(p);
    }
  });
});

describe('identityInit', () => {
  it('scales weights by 1e-2 and adds 1 at [centre, in = i mod C_in, out = i]', () => {
    const p = initConv(new Rng(5), 3, 5);
    const before = p.weight.dataSync().slice();
    identityInit(p);
    const after = p.weight.dataSync();
    for (let kh = 0; kh < 3; kh++)
      for (let kw = 0; kw < 3; kw++)
        for (let c = 0; c < 3; c++)
          for (let o = 0; o < 5; o++) {
            const idx = ((kh * 3 + kw) * 3 + c) * 5 + o;
            const eye = kh === 1 && kw === 1 && c === o % 3 ? 1 : 0;
            expect(after[idx]).toBeCloseTo(before[idx]! * 1e-2 + eye, 6);
          }
    disposeParams(p);
  });

  it('with scale 0 the conv copies channel i mod C_in (plus bias), in 2-D and 3-D', () => {
    for (const dims of [2, 3] as const) {
      const p = identityInit(initConv(new Rng(6), 2, 4, { dims, bias: false }), 0);
      const x = tf.randomNormal(dims === 2 ? [1, 3, 3, 2] : [1, 2, 3, 3, 2], 0, 1, 'float32', 7);
      const y = conv(p, x);
      const expected = tf.concat([x, x], -1);
      expect(Array.from(y.dataSync())).toEqual(Array.from(expected.dataSync()));
      tf.dispose([x, y, expected]);
      disposeParams(p);
    }
  });
});
