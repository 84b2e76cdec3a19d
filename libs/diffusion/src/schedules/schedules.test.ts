import * as tf from '@tensorflow/tfjs';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { logLinearSchedule, logLogitSchedule, makeSchedule } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('log-logit schedule (docs/method.md §6.1)', () => {
  const schedule = logLogitSchedule();

  it('maps t = 0, 1/2, 1 to σ_min, 1, σ_max and matches p/(1−p)', () => {
    expect(schedule.sigma(0)).toBeCloseTo(1e-3, 15);
    expect(schedule.sigma(1) / 1e3).toBeCloseTo(1, 12);
    expect(schedule.sigma(0.5)).toBeCloseTo(1, 12);
    const tMin = 1e-3 / 1.001;
    const tMax = 1e3 / 1001;
    for (const t of [0.1, 0.25, 0.8, 0.97]) {
      const p = tMin + t * (tMax - tMin);
      expect(schedule.sigma(t)).toBeCloseTo(p / (1 - p), 12);
    }
  });

  it('gives the 16-step grid of docs/method.md §7', () => {
    const expected = [1000, 14.78, 6.95, 4.32, 2.99, 2.2, 1.67, 1.29, 1.0, 0.778, 0.601, 0.455, 0.334, 0.232, 0.144, 0.0677, 0.001];
    for (let i = 0; i <= 16; i++) {
      const s = schedule.sigma(1 - i / 16);
      expect(Math.abs(s - expected[i]!) / expected[i]!).toBeLessThan(6e-3);
    }
  });

  it('ln σ under t ~ U(0,1) is a standard logistic truncated to ±ln 1000', () => {
    // Exact: P(ln σ ≤ u) = (F(u) − F(−a))/(F(a) − F(−a)), F logistic CDF, a = ln 1000.
    const F = (u: number) => 1 / (1 + Math.exp(-u));
    const a = Math.log(1000);
    const cdf = (u: number) => (F(u) - F(-a)) / (F(a) - F(-a));
    // Deterministic check of the map: ln σ(t) = F^{-1}(F(−a) + t (F(a) − F(−a))).
    for (const t of [0.01, 0.2, 0.5, 0.77, 0.999]) expect(cdf(Math.log(schedule.sigma(t)))).toBeCloseTo(t, 10);
    // Empirical: t ~ U(0,1) from a seeded Rng; Kolmogorov–Smirnov distance to the exact CDF.
    const rng = new Rng(7);
    const n = 20000;
    const logs = Array.from({ length: n }, () => Math.log(schedule.sigma(rng.uniform()))).sort((x, y) => x - y);
    let ks = 0;
    logs.forEach((u, i) => {
      ks = Math.max(ks, Math.abs(cdf(u) - i / n), Math.abs(cdf(u) - (i + 1) / n));
    });
    expect(ks).toBeLessThan(1.36 / Math.sqrt(n)); // 95% KS bound
    expect(logs[0]!).toBeGreaterThanOrEqual(-a - 1e-9);
    expect(logs[n - 1]!).toBeLessThanOrEqual(a + 1e-9);
    // Moments against the truncated logistic: mean 0, variance ∫u²f/∫f (≈ 3.169 < π²/3).
    let num = 0;
    let z = 0;
    const m = 100000;
    for (let i = 0; i < m; i++) {
      const u = -a + ((i + 0.5) * 2 * a) / m;
      const f = Math.exp(-u) / (1 + Math.exp(-u)) ** 2;
      num += u * u * f;
      z += f;
    }
    const mean = logs.reduce((s, v) => s + v, 0) / n;
    const variance = logs.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(num / z / n));
    expect(Math.abs(variance / (num / z) - 1)).toBeLessThan(0.04);
    expect(num / z).toBeCloseTo(3.169, 2);
  });

  it('the tensor version agrees with the float64 one', () => {
    const ts = [0, 0.05, 0.3, 0.5, 0.9, 1];
    const got = tf.tidy(() => schedule.sigmaTensor(tf.tensor1d(ts)).arraySync() as number[]);
    ts.forEach((t, i) => expect(got[i]! / schedule.sigma(t)).toBeCloseTo(1, 4));
  });
});

describe('log-linear schedule', () => {
  it('is linear in ln σ between σ_min and σ_max', () => {
    const s = logLinearSchedule({ sigmaMin: 1e-2, sigmaMax: 1e2 });
    expect(s.sigma(0)).toBeCloseTo(1e-2, 14);
    expect(s.sigma(0.5)).toBeCloseTo(1, 12);
    expect(s.sigma(0.75)).toBeCloseTo(10, 10);
    const got = tf.tidy(() => s.sigmaTensor(tf.tensor1d([0.25])).dataSync()[0]!);
    expect(got).toBeCloseTo(0.1, 5);
  });

  it('makeSchedule picks by name and rejects unknown names and bad ranges', () => {
    expect(makeSchedule({ name: 'log_linear' }).name).toBe('log_linear');
    expect(makeSchedule({ name: 'log_logit', sigmaMin: 0.01 }).sigma(0)).toBeCloseTo(0.01, 12);
    expect(() => makeSchedule({ name: 'cosine' as never })).toThrow(/schedule\.name/);
    expect(() => logLogitSchedule({ sigmaMin: 10, sigmaMax: 1 })).toThrow(/sigmaMin < sigmaMax/);
  });
});
