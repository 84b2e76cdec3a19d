/**
 * Denoising loss (docs/method.md §6.3, LoLa's `DenoiserLoss`):
 * L = mean over all elements of (D(x_t) − x)²/v, v = σ²/(1+σ²), x_t = x + σ·ε, t ~ U(0, 1),
 * with the context overwrite of §6.5 applied to x_t (x_t ← √(1+σ²)·x at the mask) and the mask
 * given to the network as `cond`. The loss covers all positions, context included (no output
 * overwrite during training).
 */
import type { RandomSource } from '@lola-ts/numerics';
import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from './denoiser.js';
import { overwriteContext } from './denoiser.js';
import type { NoiseSchedule } from './schedules/index.js';

/** @deprecated import `RandomSource` from @lola-ts/numerics */
export type LossRandom = RandomSource;

/** The draws of one loss evaluation, so a step can be replayed (e.g. for gradient checks). */
export interface LossDraws {
  /** Noise levels, one per batch element. */
  sigma: Float32Array;
  /** ε ~ N(0, I), x-shaped, row-major. */
  noise: Float32Array;
}

/** Draws t ~ U(0, 1) → σ(t) per sample and ε ~ N(0, I) for a batch shaped `shape`. */
export function drawLossNoise(schedule: NoiseSchedule, shape: readonly number[], rng: RandomSource): LossDraws {
  const b = shape[0]!;
  const sigma = new Float32Array(b);
  for (let i = 0; i < b; i++) sigma[i] = schedule.sigma(rng.uniform());
  const n = shape.reduce((a, d) => a * d, 1);
  const noise = new Float32Array(n);
  for (let i = 0; i < n; i++) noise[i] = rng.normal();
  return { sigma, noise };
}

/**
 * The scalar loss for clean windows `x` [B, …] with fixed draws. `mask` (0/1, broadcastable to x)
 * turns on the inpainting conditioning; without it the denoiser gets no `cond`.
 */
export function denoiserLoss(denoiser: Denoiser, x: tf.Tensor, draws: LossDraws, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const b = x.shape[0];
    if (draws.sigma.length !== b || draws.noise.length !== x.size) {
      throw new Error(
        `denoiserLoss: draws hold ${draws.sigma.length} sigmas and ${draws.noise.length} noise values, expected ${b} and ${x.size}`,
      );
    }
    const sigma = tf.tensor1d(draws.sigma);
    const ones = [b, ...new Array<number>(x.rank - 1).fill(1)];
    const s = sigma.reshape(ones);
    let xt = tf.add(x, tf.mul(tf.tensor(draws.noise, x.shape), s));
    let m: tf.Tensor | undefined;
    if (mask) {
      m = tf.mul(tf.onesLike(x), mask);
      xt = overwriteContext(xt, x, m, sigma);
    }
    const mean = denoiser(xt, sigma, m);
    const s2 = tf.square(s);
    const weight = tf.div(tf.add(s2, 1), s2); // 1/v = (1+σ²)/σ²
    return tf.mean(tf.mul(tf.square(tf.sub(mean, x)), weight)) as tf.Scalar;
  });
}
