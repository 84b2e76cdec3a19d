/**
 * Learning-rate schedules (docs/method.md §12): cosine decay to 0, λ(e) = (1 + cos(π·e/E)) / 2, per
 * epoch (LoLa's `LambdaLR` stepped each epoch) or per step, with an optional linear warmup
 * (LoLa uses none).
 */

export interface ScheduleConfig {
  /** Base learning rate. */
  lr: number;
  /** Total number of optimizer steps of the run. */
  totalSteps: number;
  /** 'epoch': e = ⌊step / stepsPerEpoch⌋, E = ⌈totalSteps / stepsPerEpoch⌉; 'step': e = step, E = totalSteps. */
  granularity?: 'epoch' | 'step';
  /** Steps per epoch (required for 'epoch'). */
  stepsPerEpoch?: number;
  /** Linear warmup steps: factor (step + 1) / warmup for step < warmup (default 0). */
  warmupSteps?: number;
  /** 'cosine' (default) or 'constant'. */
  kind?: 'cosine' | 'constant';
}

/** λ(e) = (1 + cos(π·e/E)) / 2, clamped to [0, 1] for e outside [0, E]. */
export function cosineFactor(e: number, total: number): number {
  if (total <= 0) return 1;
  const t = Math.min(Math.max(e / total, 0), 1);
  return (1 + Math.cos(Math.PI * t)) / 2;
}

/** The learning rate used by optimizer step `step` (0-based). */
export function learningRate(cfg: ScheduleConfig, step: number): number {
  const warmup = cfg.warmupSteps ?? 0;
  if (step < warmup) return (cfg.lr * (step + 1)) / warmup;
  if ((cfg.kind ?? 'cosine') === 'constant') return cfg.lr;
  if ((cfg.granularity ?? 'epoch') === 'epoch') {
    const spe = cfg.stepsPerEpoch;
    if (!spe || spe <= 0) throw new Error('learningRate: granularity "epoch" needs stepsPerEpoch > 0');
    const warmupEpochs = Math.floor(warmup / spe);
    const epochs = Math.ceil(cfg.totalSteps / spe) - warmupEpochs;
    return cfg.lr * cosineFactor(Math.floor(step / spe) - warmupEpochs, epochs);
  }
  return cfg.lr * cosineFactor(step - warmup, cfg.totalSteps - warmup);
}
