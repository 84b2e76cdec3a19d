import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/well-data';
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

describe('silu', () => {
  it('is x·σ(x) with finite-difference gradients', () => {
    const xi = tf.tensor([-3, -0.5, 0, 0.7, 4]);
    const y = Array.from(silu(xi).dataSync());
    [-3, -0.5, 0, 0.7, 4].forEach((v, i) => expect(y[i]).toBeCloseTo(v / (1 + Math.exp(-v)), 6));
    expect(gradientCheck(new Rng(1), ([a]) => silu(a!), {}, [xi]).maxError).toBeLessThan(1e-2);
    xi.dispose();
  });
});
