/**
 * The sampler's time grid and initial state (docs/method.md §7; azula 0.3.1 `Sampler`).
 */
import type { RandomSource } from '@lola-ts/numerics';
import * as tf from '@tensorflow/tfjs-core';
import type { NoiseSchedule } from '../schedules/index.js';

/** t_i = linspace(start, stop, steps + 1) in float64 (default 1 → 0). */
export function timeGrid(steps: number, start = 1, stop = 0): number[] {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`timeGrid: steps must be an integer >= 1, got ${steps}`);
  return Array.from({ length: steps + 1 }, (_, i) => (i === steps ? stop : start + ((stop - start) * i) / steps));
}

/** σ_i = σ(t_i) on the linear t grid (σ ≈ 1000, 14.78, …, 0.001 for 16 log-logit steps). */
export function sigmaGrid(schedule: NoiseSchedule, steps: number, start = 1, stop = 0): number[] {
  return timeGrid(steps, start, stop).map((t) => schedule.sigma(t));
}

/** @deprecated import `RandomSource` from @lola-ts/numerics */
export type NoiseRandom = RandomSource;

/**
 * Initial state x ~ N(mean, (var + σ(start)²)·I) with the data prior mean 0 and variance 1 by
 * default (azula `Sampler.init`, α = 1). Every ensemble member is one row of the batch; the draw
 * is row-major from `rng`, so it is reproducible for a seed.
 */
export function initialNoise(
  shape: readonly number[],
  schedule: NoiseSchedule,
  rng: RandomSource,
  options: { mean?: number; variance?: number; start?: number } = {},
): tf.Tensor {
  const { mean = 0, variance = 1, start = 1 } = options;
  const sigma = schedule.sigma(start);
  const scale = Math.sqrt(variance + sigma * sigma);
  const n = shape.reduce((a, d) => a * d, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = mean + scale * rng.normal();
  return tf.tensor(values, [...shape]);
}
