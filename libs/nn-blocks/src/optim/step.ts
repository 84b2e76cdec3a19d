/**
 * One optimisation step with LoLa's hygiene (docs/method.md §12, §14.1 item 11): global-norm gradient
 * clipping, then AdamW — unless the loss or the gradient norm is not finite, in which case the
 * step is skipped (parameters, moments and step count unchanged).
 */
import type { NamedTensors, ParamTree } from '../params/tree.js';
import { adamwApply, type AdamWConfig, type AdamWState } from './adamw.js';
import { clipCoefficient, globalNorm } from './clip.js';

export interface StepConfig extends AdamWConfig {
  /** Max global gradient norm (default 1.0; ∞ disables clipping). */
  clipNorm?: number;
}

export interface StepResult {
  state: AdamWState;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** True when the step was skipped because of a non-finite loss or gradient. */
  skipped: boolean;
}

/**
 * Clips `grads` (not modified) and applies AdamW with learning rate `lr`. `loss` (a number, if
 * known) is also checked for finiteness. The caller still owns and disposes `grads`.
 */
export function optimizerStep(
  params: ParamTree,
  grads: NamedTensors,
  state: AdamWState,
  lr: number,
  cfg: StepConfig = {},
  loss?: number,
): StepResult {
  const gradNorm = globalNorm(grads);
  if (!Number.isFinite(gradNorm) || (loss !== undefined && !Number.isFinite(loss))) return { state, gradNorm, skipped: true };
  const coef = clipCoefficient(gradNorm, cfg.clipNorm ?? 1.0);
  return { state: adamwApply(params, grads, state, lr, cfg, coef), gradNorm, skipped: false };
}
