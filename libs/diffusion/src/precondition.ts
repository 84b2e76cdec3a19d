/**
 * EDM preconditioning with σ_data = 1 and α = 1 (docs/method.md §6.2, LoLa's `ElucidatedDenoiser`):
 * s² = 1 + σ², c_in = 1/s, c_out = σ/s, c_skip = 1/s², c_noise = 10·ln σ, and the reported
 * (fixed) variance v = σ²/(1+σ²). The loss weight is 1/v = (1+σ²)/σ² (§6.3).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface EdmCoefficients {
  cIn: number;
  cOut: number;
  cSkip: number;
  cNoise: number;
  /** v = σ²/(1+σ²), the denoiser's reported variance. */
  variance: number;
}

/** The EDM coefficients for one σ > 0, in float64. */
export function edmCoefficients(sigma: number): EdmCoefficients {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`edmCoefficients: sigma must be finite and > 0, got ${sigma}`);
  const s2 = 1 + sigma * sigma;
  const s = Math.sqrt(s2);
  return { cIn: 1 / s, cOut: sigma / s, cSkip: 1 / s2, cNoise: 10 * Math.log(sigma), variance: (sigma * sigma) / s2 };
}

/** Loss weight λ(σ) = (1+σ²)/σ² = 1/v (docs/method.md §6.3); λ·c_out² = 1. */
export function edmLossWeight(sigma: number): number {
  return (1 + sigma * sigma) / (sigma * sigma);
}

export interface EdmCoefficientTensors {
  cIn: tf.Tensor;
  cOut: tf.Tensor;
  cSkip: tf.Tensor;
  /** Shape [B]: the network's noise input. */
  cNoise: tf.Tensor1D;
  variance: tf.Tensor;
}

/**
 * The EDM coefficients for per-sample σ of shape [B], reshaped to [B, 1, …, 1] (rank `rank`) so
 * they broadcast over a batch of states; c_noise stays [B]. Caller disposes.
 */
export function edmCoefficientTensors(sigma: tf.Tensor1D, rank: number): EdmCoefficientTensors {
  return tf.tidy(() => {
    const b = sigma.shape[0];
    const s = sigma.reshape([b, ...new Array<number>(Math.max(rank - 1, 0)).fill(1)]);
    const s2 = tf.add(tf.square(s), 1);
    const cIn = tf.rsqrt(s2);
    return {
      cIn,
      cOut: tf.mul(s, cIn),
      cSkip: tf.reciprocal(s2),
      cNoise: tf.mul(tf.log(sigma), 10) as tf.Tensor1D,
      variance: tf.div(tf.square(s), s2),
    };
  });
}
