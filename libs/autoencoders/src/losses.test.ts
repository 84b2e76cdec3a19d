import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { l1Loss, mseLoss, reconstructionLoss, validateLossWeights, vrmseLoss, vrmsePerChannel } from './losses.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Two samples, 3×2 grid, 2 channels, channels last.
const B = 2,
  H = 3,
  W = 2,
  C = 2;
const x = Float32Array.from({ length: B * H * W * C }, (_, i) => Math.sin(i * 1.3) * 2 + (i % 3));
const y = Float32Array.from(x, (v, i) => v + 0.1 * Math.cos(i * 0.7));
const scalar = (t: tf.Tensor) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

function refVrmse(eps: number): number[][] {
  const out: number[][] = [];
  for (let b = 0; b < B; b++) {
    const row: number[] = [];
    for (let c = 0; c < C; c++) {
      const xs: number[] = [],
        ds: number[] = [];
      for (let p = 0; p < H * W; p++) {
        const i = (b * H * W + p) * C + c;
        xs.push(x[i]!);
        ds.push(x[i]! - y[i]!);
      }
      const m = xs.reduce((a, v) => a + v, 0) / xs.length;
      const varU = xs.reduce((a, v) => a + (v - m) ** 2, 0) / (xs.length - 1);
      const mse = ds.reduce((a, v) => a + v * v, 0) / ds.length;
      row.push(Math.sqrt(mse / (varU + eps)));
    }
    out.push(row);
  }
  return out;
}

describe('AE losses (docs/method.md §2.6)', () => {
  const X = () => tf.tensor4d(x, [B, H, W, C]);
  const Y = () => tf.tensor4d(y, [B, H, W, C]);

  it('L1 and MSE', () => {
    let l1 = 0,
      mse = 0;
    for (let i = 0; i < x.length; i++) {
      l1 += Math.abs(x[i]! - y[i]!);
      mse += (x[i]! - y[i]!) ** 2;
    }
    expect(scalar(tf.tidy(() => l1Loss(Y(), X())))).toBeCloseTo(l1 / x.length, 6);
    expect(scalar(tf.tidy(() => mseLoss(Y(), X())))).toBeCloseTo(mse / x.length, 6);
  });

  it('VRMSE per sample and channel uses the unbiased target variance and eps 1e-2', () => {
    const ref = refVrmse(1e-2);
    const t = tf.tidy(() => vrmsePerChannel(Y(), X()));
    expect(t.shape).toEqual([B, C]);
    const got = t.arraySync();
    t.dispose();
    for (let b = 0; b < B; b++) for (let c = 0; c < C; c++) expect(got[b]![c]).toBeCloseTo(ref[b]![c]!, 5);
    const mean = ref.flat().reduce((a, v) => a + v, 0) / (B * C);
    expect(scalar(tf.tidy(() => vrmseLoss(Y(), X())))).toBeCloseTo(mean, 5);
    // the target is the reference: swapping the arguments changes the value
    expect(Math.abs(scalar(tf.tidy(() => vrmseLoss(X(), Y()))) - mean)).toBeGreaterThan(1e-6);
  });

  it('weighted sum', () => {
    const a = scalar(tf.tidy(() => l1Loss(Y(), X())));
    const v = scalar(tf.tidy(() => vrmseLoss(Y(), X())));
    expect(scalar(tf.tidy(() => reconstructionLoss(Y(), X(), { l1: 2, vrmse: 0.5, mse: 0 })))).toBeCloseTo(2 * a + 0.5 * v, 5);
  });

  it('validates weights', () => {
    expect(() => validateLossWeights({ mae: 1 })).toThrow(/loss.mae: unknown loss/);
    expect(() => validateLossWeights({ l1: -1 })).toThrow(/loss.l1: expected a finite non-negative number/);
    expect(() => validateLossWeights({ l1: 0 })).toThrow(/at least one loss weight must be positive/);
  });
});
