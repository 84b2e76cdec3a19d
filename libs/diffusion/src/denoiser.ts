/**
 * Gaussian denoisers: functions returning the posterior mean E[x | x_t] of a variance-exploding
 * diffusion (α = 1). σ is per sample, shape [B]; `cond` is extra input channels for the network
 * (the inpainting mask, docs/method.md §6.5). Tensors are channels-last, batch first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { edmCoefficientTensors } from './precondition.js';

/**
 * The raw network F(c_in·x_t, c_noise, cond): returns a tensor shaped like x_t. The label
 * embedding, if any, is bound by the caller (closure).
 */
export type DenoiserNetwork = (xIn: tf.Tensor, cNoise: tf.Tensor1D, cond?: tf.Tensor) => tf.Tensor;

/** A denoiser's mean D(x_t, σ) ≈ E[x | x_t]; its variance is σ²/(1+σ²) (fixed, §6.2). */
export type Denoiser = (xt: tf.Tensor, sigma: tf.Tensor1D, cond?: tf.Tensor) => tf.Tensor;

/**
 * EDM-preconditioned denoiser (docs/method.md §6.2, LoLa's `ElucidatedDenoiser`):
 * D(x_t) = c_skip·x_t + c_out·F(c_in·x_t, c_noise, cond), with s² = 1+σ², c_in = 1/s,
 * c_out = σ/s, c_skip = 1/s², c_noise = 10·ln σ.
 */
export function edmDenoiser(network: DenoiserNetwork): Denoiser {
  return (xt, sigma, cond) =>
    tf.tidy(() => {
      checkSigma(xt, sigma);
      const c = edmCoefficientTensors(sigma, xt.rank);
      const f = network(tf.mul(xt, c.cIn), c.cNoise, cond);
      if (!sameShape(f.shape, xt.shape)) {
        throw new Error(`edmDenoiser: the network returned shape [${f.shape.join(', ')}], expected the input's [${xt.shape.join(', ')}]`);
      }
      return tf.add(tf.mul(xt, c.cSkip), tf.mul(f, c.cOut));
    });
}

/**
 * Masked (inpainting) denoiser (docs/method.md §6.5, LoLa's `MaskedDenoiser`): with m ∈ {0, 1} and
 * known values y, x_t ← m·√(1+σ²)·y + (1−m)·x_t, the inner denoiser gets m (expanded to x_t's
 * shape) as `cond`, and its mean is overwritten at the context: D ← m·y + (1−m)·D.
 * `mask` must broadcast to x_t's shape (e.g. [B, L, 1, 1, 1]); `y` is x_t-shaped (zeros off the
 * context are fine). The blend is exact for 0/1 masks.
 */
export function maskedDenoiser(denoiser: Denoiser, y: tf.Tensor, mask: tf.Tensor): Denoiser {
  return (xt, sigma) =>
    tf.tidy(() => {
      const m = tf.mul(tf.onesLike(xt), mask);
      const xIn = overwriteContext(xt, y, m, sigma);
      const mean = denoiser(xIn, sigma, m);
      return blend(m, y, mean);
    });
}

/**
 * x_t with its context positions replaced by √(1+σ²)·y (docs/method.md §6.5): after c_in = 1/√(1+σ²)
 * the network sees the clean context. `m` has x_t's shape.
 */
export function overwriteContext(xt: tf.Tensor, y: tf.Tensor, m: tf.Tensor, sigma: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const b = sigma.shape[0];
    const s = tf.sqrt(tf.add(tf.square(sigma), 1)).reshape([b, ...new Array<number>(xt.rank - 1).fill(1)]);
    return blend(m, tf.mul(y, s), xt);
  });
}

/** m·a + (1−m)·b, exact for m ∈ {0, 1} and finite a, b. */
export function blend(m: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(m, a), tf.mul(tf.sub(1, m), b)));
}

function checkSigma(xt: tf.Tensor, sigma: tf.Tensor1D): void {
  if (sigma.rank !== 1 || sigma.shape[0] !== xt.shape[0]) {
    throw new Error(`denoiser: sigma must have shape [B] = [${xt.shape[0]}], got [${sigma.shape.join(', ')}]`);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
