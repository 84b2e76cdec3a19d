import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { silu } from './activation.js';
import { gradientCheck } from './gradcheck.js';
import { channelLayerNorm, layerNorm, rmsNorm } from './norm.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function rows(x: tf.Tensor): number[][] {
  const c = x.shape[x.rank - 1]!;
  const d = Array.from(x.dataSync());
  return Array.from({ length: d.length / c }, (_, i) => d.slice(i * c, (i + 1) * c));
}

describe('normalisations', () => {
  const x = () => tf.randomNormal([2, 3, 3, 5], 1.5, 2, 'float32', 11);

  it('channelLayerNorm uses the unbiased (N−1) variance and eps 1e-5', () => {
    const xi = x();
    const y = channelLayerNorm(xi);
    const ys = rows(y);
    rows(xi).forEach((r, i) => {
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1);
      r.forEach((val, j) => expect(ys[i]![j]).toBeCloseTo((val - m) / Math.sqrt(v + 1e-5), 5));
    });
    // unbiased → Σ y² = N − 1 (up to eps)
    for (const r of ys) expect(r.reduce((a, b) => a + b * b, 0)).toBeCloseTo(4, 3);
    expect(() => channelLayerNorm(tf.zeros([2, 1]))).toThrow(/at least 2 channels/);
    tf.dispose([xi, y]);
  });

  it('layerNorm uses the biased variance and rmsNorm divides by the RMS', () => {
    const xi = x();
    const ln = rows(layerNorm(xi));
    const rms = rows(rmsNorm(xi));
    rows(xi).forEach((r, i) => {
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / r.length;
      const ms = r.reduce((a, b) => a + b * b, 0) / r.length;
      r.forEach((val, j) => {
        expect(ln[i]![j]).toBeCloseTo((val - m) / Math.sqrt(v + 1e-5), 5);
        expect(rms[i]![j]).toBeCloseTo(val / Math.sqrt(ms + 1e-5), 5);
      });
    });
    xi.dispose();
  });

  it('have finite-difference gradients', () => {
    const rng = new Rng(12);
    const xi = tf.randomNormal([2, 2, 4], 0, 1, 'float32', 13);
    for (const f of [channelLayerNorm, layerNorm, rmsNorm]) {
      const res = gradientCheck(rng, ([a]) => f(a!), {}, [xi], { eps: 3e-3, coordsPerTensor: 16 });
      expect(res.maxError).toBeLessThan(3e-2);
    }
    xi.dispose();
  });
});

describe('explicit norm gradients', () => {
  // The formulas, differentiated by tfjs autodiff (the reference for the fused gradients).
  const reference = {
    channelLayerNorm: (x: tf.Tensor) => {
      const c = tf.sub(x, tf.mean(x, -1, true));
      return tf.mul(c, tf.rsqrt(tf.add(tf.div(tf.sum(tf.square(c), -1, true), x.shape[x.rank - 1]! - 1), 1e-5)));
    },
    layerNorm: (x: tf.Tensor) => {
      const c = tf.sub(x, tf.mean(x, -1, true));
      return tf.mul(c, tf.rsqrt(tf.add(tf.mean(tf.square(c), -1, true), 1e-5)));
    },
    rmsNorm: (x: tf.Tensor) => tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), 1e-5))),
  };

  it('equal the autodiff of the formulas, keep values op for op, and leak nothing', () => {
    const fused = { channelLayerNorm, layerNorm, rmsNorm };
    const x = tf.randomNormal([3, 4, 7], 0.5, 2, 'float32', 5);
    const w = tf.randomNormal([3, 4, 7], 0, 1, 'float32', 6);
    for (const name of ['channelLayerNorm', 'layerNorm', 'rmsNorm'] as const) {
      const before = tf.memory().numTensors;
      const [gf, gr, yf, yr] = tf.tidy(() => [
        tf.grad((a: tf.Tensor) => tf.sum(tf.mul(fused[name](a), w)))(x),
        tf.grad((a: tf.Tensor) => tf.sum(tf.mul(reference[name](a), w)))(x),
        fused[name](x),
        reference[name](x),
      ]);
      expect(Array.from(yf!.dataSync()), name).toEqual(Array.from(yr!.dataSync()));
      const a = gf!.dataSync();
      const b = gr!.dataSync();
      const scale = Math.max(...b.map(Math.abs));
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (1e-5 * Math.abs(b[i]!) + 1e-6 * scale));
      expect(worst, name).toBeLessThan(1);
      tf.dispose([gf!, gr!, yf!, yr!]);
      expect(tf.memory().numTensors, name).toBe(before);
    }
    tf.dispose([x, w]);
  });
});

describe('silu', () => {
  it('is x·σ(x) with finite-difference gradients', () => {
    const xi = tf.tensor([-3, -0.5, 0, 0.7, 4]);
    const y = Array.from(silu(xi).dataSync());
    [-3, -0.5, 0, 0.7, 4].forEach((v, i) => expect(y[i]).toBeCloseTo(v / (1 + Math.exp(-v)), 6));
    expect(gradientCheck(new Rng(1), ([a]) => silu(a!), {}, [xi]).maxError).toBeLessThan(1e-2);
    xi.dispose();
  });
});
