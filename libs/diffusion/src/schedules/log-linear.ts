import * as tf from '@tensorflow/tfjs-core';
import { checkSigmaRange, type NoiseSchedule } from './schedule.js';

export interface LogLinearOptions {
  sigmaMin?: number;
  sigmaMax?: number;
}

/**
 * Log-linear schedule (docs/method.md §6.1, LoLa's alternative):
 * ln σ(t) = (1 − t)·ln σ_min + t·ln σ_max, so ln σ is uniform on [ln σ_min, ln σ_max] under t ~ U(0, 1).
 * Defaults σ ∈ [1e-3, 1e3].
 */
export function logLinearSchedule(options: LogLinearOptions = {}): NoiseSchedule {
  const { sigmaMin = 1e-3, sigmaMax = 1e3 } = options;
  checkSigmaRange('log_linear', sigmaMin, sigmaMax);
  const a = Math.log(sigmaMin);
  const b = Math.log(sigmaMax);
  return {
    name: 'log_linear',
    sigmaMin,
    sigmaMax,
    sigma(t: number): number {
      return Math.exp(a * (1 - t) + b * t);
    },
    sigmaTensor(t: tf.Tensor): tf.Tensor {
      return tf.tidy(() => tf.exp(tf.add(tf.mul(t, b - a), a)));
    },
  };
}
