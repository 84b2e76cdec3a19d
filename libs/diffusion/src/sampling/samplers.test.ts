import * as tf from '@tensorflow/tfjs';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Denoiser } from '../denoiser.js';
import { logLogitSchedule } from '../schedules/index.js';
import { initialNoise, sigmaGrid } from './grid.js';
import { getSampler, sampleAdamsBashforth, type Sampler } from './samplers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Exact denoiser of x ~ N(μ, s²) per dimension: E[x | x_t] = μ + s²/(s²+σ²)·(x_t − μ). */
function gaussianDenoiser(mu: tf.Tensor, s2: tf.Tensor): Denoiser {
  return (xt, sigma) =>
    tf.tidy(() => {
      const v = tf.square(sigma).reshape([sigma.shape[0], ...new Array<number>(xt.rank - 1).fill(1)]);
      return tf.add(mu, tf.mul(tf.div(s2, tf.add(s2, v)), tf.sub(xt, mu)));
    });
}

function moments(x: tf.Tensor2D): { mean: number[]; variance: number[] } {
  const [n, d] = x.shape;
  const data = x.dataSync();
  const mean = new Array<number>(d).fill(0);
  const variance = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) variance[j]! += (data[i * d + j]! - mean[j]!) ** 2 / (n - 1);
  return { mean, variance };
}

describe('samplers on a Gaussian data distribution with its exact denoiser', () => {
  const schedule = logLogitSchedule();
  const muValues = [0.5, -1.2, 2.0];
  const varValues = [0.25, 1.0, 2.5];
  const n = 6000;

  for (const [name, steps] of [
    ['ab', 16], // the paper's sampler; Heun and Euler are checked through their ODE convergence below
  ] as const) {
    it(`${name} (${steps} steps) reproduces mean and variance`, () => {
      const sampler: Sampler = getSampler(name);
      const mu = tf.tensor2d([muValues]);
      const s2 = tf.tensor2d([varValues]);
      const x1 = initialNoise([n, 3], schedule, new Rng(11));
      const before = tf.memory().numTensors;
      const x0 = sampler(gaussianDenoiser(mu, s2), x1, schedule, steps) as tf.Tensor2D;
      expect(tf.memory().numTensors).toBe(before + 1); // no leak: only the result is new
      const m = moments(x0);
      for (let j = 0; j < 3; j++) {
        // Sampling error: se(mean) = s/√n, se(var)/var ≈ √(2/n); discretisation ≤ 5% in variance.
        expect(Math.abs(m.mean[j]! - muValues[j]!)).toBeLessThan(4 * Math.sqrt(varValues[j]! / n) + 0.01);
        expect(Math.abs(m.variance[j]! / varValues[j]! - 1)).toBeLessThan(4 * Math.sqrt(2 / n) + 0.05);
      }
      tf.dispose([mu, s2, x1, x0]);
    });
  }

  it('converge to the exact probability-flow ODE solution at their order', () => {
    // For N(0, s²) data, the ODE maps x_T to x_T·√(s²+σ_min²)/√(s²+σ_max²). Relative error in that
    // scale, for s² = 1 (measured: AB3 −1.6% at 16 steps, −0.38% at 32; Heun 16% → 2.1%; Euler −7.7% → −3.9%).
    const error = (name: string, steps: number) => {
      const s2 = tf.scalar(1);
      const mu = tf.scalar(0);
      const x1 = tf.tensor2d([[1000]]);
      const x0 = getSampler(name)(gaussianDenoiser(mu, s2), x1, schedule, steps);
      const got = x0.dataSync()[0]!;
      tf.dispose([s2, mu, x1, x0]);
      return got / (1000 * Math.sqrt((1 + 1e-6) / (1 + 1e6))) - 1;
    };
    const ab16 = error('ab', 16);
    expect(Math.abs(ab16)).toBeLessThan(0.02);
    expect(Math.abs(error('ab', 32) / ab16)).toBeLessThan(0.3); // better than 2nd order
    const heun32 = error('heun', 32);
    expect(Math.abs(heun32)).toBeLessThan(0.03);
    expect(Math.abs(error('heun', 64) / heun32)).toBeLessThan(0.3);
    const euler32 = error('euler', 32);
    expect(Math.abs(error('euler', 64) / euler32)).toBeCloseTo(0.5, 1); // 1st order
  });

  it('is deterministic for a seed and calls back once per step', () => {
    const mu = tf.tensor2d([muValues]);
    const s2 = tf.tensor2d([varValues]);
    const run = (seed: number) => {
      const x1 = initialNoise([8, 3], schedule, new Rng(seed));
      const sigmas: number[] = [];
      const x0 = sampleAdamsBashforth(gaussianDenoiser(mu, s2), x1, schedule, 16, (info) => sigmas.push(info.sigma));
      const out = Array.from(x0.dataSync());
      tf.dispose([x1, x0]);
      return { out, sigmas };
    };
    const r1 = run(5);
    const r2 = run(5);
    const r3 = run(6);
    expect(r1.out).toEqual(r2.out);
    expect(r1.out).not.toEqual(r3.out);
    expect(r1.sigmas).toEqual(sigmaGrid(schedule, 16).slice(0, 16));
    tf.dispose([mu, s2]);
  });
});
