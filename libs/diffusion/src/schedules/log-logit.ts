import * as tf from '@tensorflow/tfjs-core';
import { checkSigmaRange, type NoiseSchedule } from './schedule.js';

export interface LogLogitOptions {
  sigmaMin?: number;
  sigmaMax?: number;
  /** a in σ = exp(a·logit(p) + b); LoLa: 1. */
  scale?: number;
  /** b in σ = exp(a·logit(p) + b); LoLa: 0. */
  shift?: number;
}

/**
 * Log-logit schedule (docs/method.md §6.1, LoLa's default): with t_min = σ_min/(1+σ_min) and
 * t_max = σ_max/(1+σ_max), p(t) = t_min + t·(t_max − t_min) and
 * σ(t) = exp(a·logit(p) + b), i.e. σ = p/(1−p) for a = 1, b = 0.
 * With t ~ U(0, 1), ln σ is standard-logistic truncated to [ln σ_min, ln σ_max] (median σ = 1).
 * Defaults σ ∈ [1e-3, 1e3].
 */
export function logLogitSchedule(options: LogLogitOptions = {}): NoiseSchedule {
  const { sigmaMin = 1e-3, sigmaMax = 1e3, scale = 1, shift = 0 } = options;
  checkSigmaRange('log_logit', sigmaMin, sigmaMax);
  const tMin = sigmaMin / (1 + sigmaMin);
  const tMax = sigmaMax / (1 + sigmaMax);
  return {
    name: 'log_logit',
    sigmaMin: Math.exp(scale * Math.log(sigmaMin) + shift),
    sigmaMax: Math.exp(scale * Math.log(sigmaMax) + shift),
    sigma(t: number): number {
      const p = tMin + t * (tMax - tMin);
      return Math.exp(scale * Math.log(p / (1 - p)) + shift);
    },
    sigmaTensor(t: tf.Tensor): tf.Tensor {
      return tf.tidy(() => {
        const p = tf.add(tf.mul(t, tMax - tMin), tMin);
        const logit = tf.sub(tf.log(p), tf.log1p(tf.neg(p)));
        return tf.exp(tf.add(tf.mul(logit, scale), shift));
      });
    },
  };
}
