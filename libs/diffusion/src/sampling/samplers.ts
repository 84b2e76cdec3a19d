/**
 * Deterministic reverse-diffusion samplers over ρ = σ/α = σ (α = 1), as pure functions of
 * (denoiser, x, schedule, steps, callback) (docs/method.md §7; azula 0.3.1 `ABSampler`,
 * `EulerSampler`, `HeunSampler`). With z(x_t) = (x_t − D(x_t))/σ_t, the probability-flow ODE is
 * dx/dσ = z. The grid is σ(t_i), t_i = linspace(1, 0, steps + 1); the last state (σ = σ_min) is
 * returned as is, with no extra denoising step. Ensemble members are rows of the batch of `x`
 * (one network call per step for all of them). `x` is not disposed; the result is a new tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../denoiser.js';
import type { NoiseSchedule } from '../schedules/index.js';
import { abStepCoefficients } from './coefficients.js';
import { sigmaGrid } from './grid.js';

/** Called after every step with the new state (valid only during the call). */
export type SamplerCallback = (info: { step: number; steps: number; sigma: number; sigmaNext: number; x: tf.Tensor }) => void;

export type Sampler = (denoiser: Denoiser, x: tf.Tensor, schedule: NoiseSchedule, steps: number, callback?: SamplerCallback) => tf.Tensor;

/** z = (x_t − D(x_t, σ))/σ, the ε-prediction recovered from the denoiser. */
function epsilon(denoiser: Denoiser, x: tf.Tensor, sigma: number): tf.Tensor {
  return tf.tidy(() => {
    const s = tf.fill([x.shape[0]], sigma) as tf.Tensor1D;
    return tf.div(tf.sub(x, denoiser(x, s)), sigma);
  });
}

/**
 * Adams–Bashforth multistep sampler of order `order` (default 3, LoLa's evaluation sampler with
 * 16 steps; equivalent to k-diffusion's LMS). Step i: z_i = (x_i − D(x_i))/σ_i, keep the last
 * ≤ order values, n = min(order, i+1), c = AB weights of the nodes σ_{i−n+1..i} over
 * [σ_i, σ_{i+1}] (float64), x_{i+1} = x_i + Σ_j c_j·z_{i−n+1+j}. One network call per step.
 */
export function sampleAdamsBashforth(
  denoiser: Denoiser,
  x: tf.Tensor,
  schedule: NoiseSchedule,
  steps: number,
  callback?: SamplerCallback,
  order = 3,
): tf.Tensor {
  const grid = sigmaGrid(schedule, steps);
  const history: tf.Tensor[] = [];
  let current = x;
  try {
    for (let i = 0; i < steps; i++) {
      history.push(epsilon(denoiser, current, grid[i]!));
      if (history.length > order) history.shift()!.dispose();
      const coeffs = abStepCoefficients(grid, i, order);
      const used = history.slice(history.length - coeffs.length);
      const next = tf.tidy(() => used.reduce((acc, z, j) => tf.add(acc, tf.mul(z, coeffs[j]!)), current));
      if (current !== x) current.dispose();
      current = next;
      callback?.({ step: i, steps, sigma: grid[i]!, sigmaNext: grid[i + 1]!, x: current });
    }
  } catch (err) {
    if (current !== x) current.dispose();
    throw err;
  } finally {
    for (const z of history) z.dispose();
  }
  return current === x ? tf.clone(x) : current;
}

/** Explicit Euler: x_{i+1} = x_i + (σ_{i+1} − σ_i)·z(x_i). One network call per step. */
export function sampleEuler(
  denoiser: Denoiser,
  x: tf.Tensor,
  schedule: NoiseSchedule,
  steps: number,
  callback?: SamplerCallback,
): tf.Tensor {
  const grid = sigmaGrid(schedule, steps);
  let current = x;
  for (let i = 0; i < steps; i++) {
    const next = tf.tidy(() => tf.add(current, tf.mul(epsilon(denoiser, current, grid[i]!), grid[i + 1]! - grid[i]!)));
    if (current !== x) current.dispose();
    current = next;
    callback?.({ step: i, steps, sigma: grid[i]!, sigmaNext: grid[i + 1]!, x: current });
  }
  return current === x ? tf.clone(x) : current;
}

/**
 * Explicit Heun (2nd order): x̃ = x_i + (σ_{i+1} − σ_i)·z(x_i), then
 * x_{i+1} = x_i + (σ_{i+1} − σ_i)·(z(x_i) + z(x̃))/2. Two network calls per step (the last one
 * at σ_min).
 */
export function sampleHeun(
  denoiser: Denoiser,
  x: tf.Tensor,
  schedule: NoiseSchedule,
  steps: number,
  callback?: SamplerCallback,
): tf.Tensor {
  const grid = sigmaGrid(schedule, steps);
  let current = x;
  for (let i = 0; i < steps; i++) {
    const h = grid[i + 1]! - grid[i]!;
    const next = tf.tidy(() => {
      const z0 = epsilon(denoiser, current, grid[i]!);
      const pred = tf.add(current, tf.mul(z0, h));
      const z1 = epsilon(denoiser, pred, grid[i + 1]!);
      return tf.add(current, tf.mul(tf.add(z0, z1), h / 2));
    });
    if (current !== x) current.dispose();
    current = next;
    callback?.({ step: i, steps, sigma: grid[i]!, sigmaNext: grid[i + 1]!, x: current });
  }
  return current === x ? tf.clone(x) : current;
}

export type SamplerName = 'ab' | 'euler' | 'heun';

/** Network evaluations per window for a sampler and step count (AB, Euler: steps; Heun: 2·steps). */
export function samplerEvaluations(name: SamplerName, steps: number): number {
  return name === 'heun' ? 2 * steps : steps;
}

/** The sampler named in a config (`ab` = order-3 Adams–Bashforth). */
export function getSampler(name: string): Sampler {
  switch (name) {
    case 'ab':
      return sampleAdamsBashforth;
    case 'euler':
      return sampleEuler;
    case 'heun':
      return sampleHeun;
    default:
      throw new Error(`sampler: expected "ab", "euler" or "heun", got ${JSON.stringify(name)}`);
  }
}
