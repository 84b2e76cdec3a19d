/**
 * What the two training recipes (./train-autoencoder.ts, ./train-emulator.ts) share
 * (docs/method.md §12): their options, the per-channel statistics (config, then the run's stored
 * config when resuming, then computed), the fixed validation draw, the chunked validation mean and
 * the `cfg.train` → `trainLoop` settings.
 */
import { Rng } from '@lola-ts/numerics';
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { parseYaml, runPaths, type RunPaths, type TrainLoopOptions, type TrainLoopResult } from '@lola-ts/nn-blocks';
import { type FieldTransformName, type WellDataset } from '@lola-ts/well-data';
import type { AeStageConfig } from '../stages/ae.js';
import { snapshotStats } from './snapshots.js';

/** Options of `trainAutoencoder` and `trainEmulator`. */
export interface TrainRecipeOptions {
  /** Stop cleanly (saving `last/`) when aborted. */
  signal?: AbortSignal;
  /** Progress-bar label, or false. */
  progress?: string | false;
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Refuse to resume an existing run (default: resume when `last/` exists). */
  fresh?: boolean;
  /** Informational messages (default: stderr). */
  log?: (line: string) => void;
  /** Called before each step's batch is read (fault injection in tests: throwing = a crash). */
  beforeStep?: (step: number) => void;
}

/** What a training recipe returns. */
export interface TrainRecipeResult<C> {
  run: RunPaths;
  result: TrainLoopResult;
  /** The resolved config written to `<run>/config.yaml`. */
  resolved: C;
}

/** The log sink of a recipe: `opts.log`, else stderr. */
export function recipeLog(opts: { log?: (line: string) => void }): (line: string) => void {
  return opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
}

/** The `train` section both stage schemas share. */
type TrainSection = Omit<AeStageConfig['train'], 'loss'>;

/** The mean / std stored in a run's `config.yaml` when both hold `C` numbers (a resumed run keeps its statistics). */
function storedStats(configPath: string, C: number): { mean: number[]; std: number[] } | null {
  if (!existsSync(configPath)) return null;
  const stored = parseYaml(readFileSync(configPath, 'utf8'), configPath) as { data?: { mean?: unknown; std?: unknown } } | null;
  const { mean, std } = stored?.data ?? {};
  const ok = (v: unknown): v is number[] => Array.isArray(v) && v.length === C && v.every((x) => typeof x === 'number');
  return ok(mean) && ok(std) ? { mean, std } : null;
}

/**
 * Per-channel mean / std after the transform (docs/method.md §1): `data.mean`/`data.std` when both are
 * given (C values each), else the ones stored in `<out>/config.yaml`, else computed over
 * `data.statsSamples` snapshots of `train` (opened without preprocessing) with seed `train.seed`.
 */
export async function resolveChannelStats(
  cfg: { out: string; data: { mean?: number[]; std?: number[]; statsSamples: number }; train: { seed: number } },
  train: WellDataset,
  transform: Record<number, FieldTransformName>,
  source: string,
  log: (line: string) => void,
  tag: string,
): Promise<{ mean: number[]; std: number[] }> {
  const channels = train.channels;
  const C = channels.length;
  if (cfg.data.mean && cfg.data.std) {
    if (cfg.data.mean.length !== C || cfg.data.std.length !== C)
      throw new Error(`${source}: data.mean and data.std need ${C} values (channels ${channels.join(', ')})`);
    return { mean: cfg.data.mean, std: cfg.data.std };
  }
  const stored = storedStats(runPaths(cfg.out).config, C);
  if (stored) return stored;
  log(`${tag} computing per-channel statistics over ${cfg.data.statsSamples} training snapshots`);
  return snapshotStats(train, transform, cfg.data.statsSamples, cfg.train.seed);
}

/** The fixed validation set: `validSamples` of `n` items, drawn once from `<seed>/valid-set`. */
export function validationIndices(seed: number, validSamples: number, n: number): number[] {
  const vr = new Rng(`${seed}/valid-set`);
  const nValid = Math.min(validSamples, n);
  return vr.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, nValid);
}

/** Mean of a per-item loss over `n` items in chunks of `batch`: `loss(start, size, chunk)` is one chunk's mean. */
export function chunkedMean(n: number, batch: number, loss: (start: number, size: number, chunk: number) => tf.Scalar): number {
  let total = 0;
  for (let i = 0, chunk = 0; i < n; i += batch, chunk++) {
    const b = Math.min(batch, n - i);
    const l = tf.tidy(() => loss(i, b, chunk));
    total += l.dataSync()[0]! * b;
    l.dispose();
  }
  return total / n;
}

/** Total optimiser steps of a `train` section. */
export function totalStepsOf(train: Pick<TrainSection, 'epochs' | 'stepsPerEpoch'>): number {
  return train.epochs * train.stepsPerEpoch;
}

/** The `trainLoop` settings a stage's `train` section determines (schedule, AdamW, clipping, checkpoints, skips). */
export function trainLoopSettings(
  train: TrainSection,
): Pick<
  TrainLoopOptions<never, never>,
  'seed' | 'totalSteps' | 'stepsPerEpoch' | 'schedule' | 'optimizer' | 'checkpointEvery' | 'maxSkippedFraction'
> {
  return {
    seed: train.seed,
    totalSteps: totalStepsOf(train),
    stepsPerEpoch: train.stepsPerEpoch,
    schedule: { lr: train.lr, kind: train.schedule, granularity: train.granularity, warmupSteps: train.warmupSteps },
    optimizer: {
      beta1: train.beta1,
      beta2: train.beta2,
      eps: train.eps,
      weightDecay: train.weightDecay,
      clipNorm: train.gradClip,
    },
    checkpointEvery: train.checkpointEvery || undefined,
    maxSkippedFraction: train.maxSkippedFraction,
  };
}
