/**
 * Global-norm gradient clipping (docs/method.md §12: global norm 1.0), as PyTorch's
 * `clip_grad_norm_`: n = √(Σ_p ‖g_p‖²); if n > max, every g_p ← g_p · max / (n + 1e-6).
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedTensors } from '../params/tree.js';

/** The global L2 norm of all gradients, read back as a JS number (NaN / ∞ when non-finite). */
export function globalNorm(grads: NamedTensors): number {
  if (grads.size === 0) return 0;
  const t = tf.tidy(() => tf.sqrt(tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g))))));
  const n = t.dataSync()[0]!;
  t.dispose();
  return n;
}

/** Clip coefficient min(1, max / (norm + 1e-6)) (1 when maxNorm is ∞ or the norm is within bounds). */
export function clipCoefficient(norm: number, maxNorm: number): number {
  if (!Number.isFinite(maxNorm)) return 1;
  return Math.min(1, maxNorm / (norm + 1e-6));
}

/**
 * Returns new gradients scaled to a global norm of at most `maxNorm` (caller disposes them and
 * the inputs), the norm before clipping and the coefficient applied.
 */
export function clipByGlobalNorm(grads: NamedTensors, maxNorm: number): { grads: NamedTensors; norm: number; coef: number } {
  const norm = globalNorm(grads);
  const coef = clipCoefficient(norm, maxNorm);
  const out = new Map<string, tf.Tensor>();
  for (const [name, g] of grads) out.set(name, coef === 1 ? tf.clone(g) : tf.mul(g, coef));
  return { grads: out, norm, coef };
}
