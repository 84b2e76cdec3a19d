/**
 * Noise schedules of a variance-exploding diffusion (docs/method.md §6.1): x_t = α_t·x + σ_t·ε with
 * α_t = 1, so a schedule is just the map t ∈ [0, 1] ↦ σ(t), increasing from σ_min to σ_max.
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface NoiseSchedule {
  /** Short name, as in configs (`log_logit`, `log_linear`). */
  readonly name: string;
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  /** σ(t) in float64, for sampler grids and coefficient solves. */
  sigma(t: number): number;
  /** σ(t) elementwise on a tensor (float32), for training batches. */
  sigmaTensor(t: tf.Tensor): tf.Tensor;
}

/** Checks 0 < σ_min < σ_max < ∞ and names the schedule in the error. */
export function checkSigmaRange(name: string, sigmaMin: number, sigmaMax: number): void {
  if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || !Number.isFinite(sigmaMax)) {
    throw new RangeError(`${name} schedule: expected 0 < sigmaMin < sigmaMax < Infinity, got sigmaMin=${sigmaMin}, sigmaMax=${sigmaMax}`);
  }
}
