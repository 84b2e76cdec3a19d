/**
 * Moment-matching posterior sampling (MMPS; Rozet et al. 2024, "Learning Diffusion Priors from
 * Observations by Expectation Maximization"; docs/method.md §11), for a LINEAR observation operator A
 * and y ~ N(A x, Σ_y), Σ_y = var_y·I. Wrapping a denoiser D (α = 1, γ = σ²):
 *   x̂ = D(x_t),  Cov[x | x_t] ≈ γ·∂x̂/∂x_t (Tweedie),
 *   solve (Σ_y + A·Cov·Aᵀ) u = y − A x̂ with GMRES (LoLa: 1 iteration),
 *   mean = x̂ + γ·(∂x̂/∂x_t)ᵀ Aᵀ u.
 * Only vector–Jacobian products are needed: Cov·v is applied as γ·(∂x̂/∂x_t)ᵀ v (the Jacobian of
 * an exact denoiser is symmetric, and the reference code makes the same choice), Aᵀ u is the VJP
 * of A, and A·v needs no JVP because A is linear (A·v = A(v)). TF.js has no forward-mode autodiff,
 * so a nonlinear A (e.g. A∘Decoder on latents) is out of scope here: see the README.
 * Each call costs one forward of D plus (iterations + 1) forward+backward passes of D.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Denoiser } from '../denoiser.js';
import { gmres } from './gmres.js';

export interface MmpsOptions {
  /** Observations y, [B, D_y] (or [1, D_y], shared by the batch). */
  y: tf.Tensor;
  /** Linear operator x [B, …] → [B, D_y]. Must be linear (no offset) in x. */
  A: (x: tf.Tensor) => tf.Tensor;
  /** Observation noise variance var_y (LoLa: 1e-2). */
  varY: number;
  /** GMRES iterations (LoLa: 1). */
  iterations?: number;
  /** A is linear (default true). False: finite-difference JVPs of A at x̂ (see above). */
  linear?: boolean;
}

/** The MMPS-guided denoiser (mean only; the variance stays σ²/(1+σ²)). */
export function mmpsDenoiser(denoiser: Denoiser, opts: MmpsOptions): Denoiser {
  const { y, A, varY, iterations = 1, linear = true } = opts;
  if (!(varY > 0)) throw new RangeError(`mmps: varY must be > 0, got ${varY}`);
  return (xt, sigma, cond) =>
    tf.tidy(() => {
      const b = xt.shape[0];
      const gamma = tf.square(sigma).reshape([b, ...new Array<number>(xt.rank - 1).fill(1)]);
      const f = (x: tf.Tensor) => denoiser(x, sigma, cond);
      const xhat = f(xt);
      // (∂x̂/∂x_t)ᵀ v, one forward + backward of the denoiser.
      const vjpD = (v: tf.Tensor) => tf.grad(f)(xt, v);
      // Aᵀ u as the VJP of the linear A (evaluated at x̂; the point does not matter).
      const vjpA = (u: tf.Tensor) => tf.grad(A)(xhat, tf.broadcastTo(u, [b, u.shape[1]!]));
      // J_A(x̂)·v: A(v) for a linear A, else a central difference around x̂.
      const jvpA = (v: tf.Tensor) => {
        if (linear) return A(v);
        const rowNorm = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(tf.reshape(t, [b, -1])), -1));
        const eps = tf.div(tf.mul(tf.add(rowNorm(xhat), 1), 1e-3), tf.maximum(rowNorm(v), 1e-30));
        const step = tf.mul(v, tf.reshape(eps, [b, ...new Array<number>(xt.rank - 1).fill(1)]));
        return tf.div(tf.sub(A(tf.add(xhat, step)), A(tf.sub(xhat, step))), tf.mul(tf.expandDims(eps, -1), 2));
      };
      const covY = (u: tf.Tensor) => tf.add(tf.mul(u, varY), jvpA(tf.mul(gamma, vjpD(vjpA(u)))));
      const residual = tf.sub(y, A(xhat));
      const u = gmres(covY, residual, iterations);
      return tf.add(xhat, tf.mul(gamma, vjpD(vjpA(u))));
    });
}
