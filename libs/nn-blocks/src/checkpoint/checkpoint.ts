/**
 * Checkpoint directories for resuming (docs/architecture.md §3):
 *   <dir>/weights.safetensors     parameters (dotted names)
 *   <dir>/optimizer.safetensors   optimizer moments (`m.<param>`, `v.<param>`), optional
 *   <dir>/state.json              {step, epoch, seed, bestValidation, …}: where training stands
 * The directory is replaced as a whole: everything is written to `<dir>.tmp-…`, then the old
 * directory is moved to `<dir>.old`, the new one renamed into place and the old one removed. A
 * crash between the two renames leaves `<dir>.old`, which `loadCheckpoint` falls back to.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { ParamTree } from '../params/tree.js';
import { adamwFromNamed, adamwToNamed, type AdamWState } from '../optim/adamw.js';
import { tempPathFor, writeJsonAtomic } from './atomic.js';
import { loadSafetensors, loadWeights, saveSafetensors, saveWeights } from './tensors.js';
import { ensureParentDir } from '@lola-ts/well-data';

export const WEIGHTS_FILE = 'weights.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';
export const STATE_FILE = 'state.json';

/** Where a run stands; `extra` carries stage-specific fields (JSON values). */
export interface TrainingState {
  /** Optimizer steps completed (including skipped ones). */
  step: number;
  /** Epochs completed. */
  epoch: number;
  /** The run's seed: every random stream is derived from (seed, step), see training/. */
  seed: number | string;
  /** Best validation loss so far (null before the first validation). */
  bestValidation: number | null;
  /** Step at which `bestValidation` was reached. */
  bestStep: number | null;
  /** The optimizer's own step count (AdamW bias correction; excludes skipped steps). */
  optimizerStep?: number;
  /** Steps skipped so far for a non-finite loss or gradient (training/non-finite.ts). */
  skippedSteps?: number;
  /** The first such step (1-based, as `step`). */
  firstSkippedStep?: number | null;
  /** Training wall time so far, summed over resumed sessions. */
  elapsedSeconds?: number;
  extra?: Record<string, unknown>;
}

export interface CheckpointContents {
  params: ParamTree;
  optimizer?: AdamWState;
  state: TrainingState;
}

/** Writes a complete checkpoint directory atomically (see the module comment). */
export async function saveCheckpoint(dir: string, c: CheckpointContents): Promise<void> {
  ensureParentDir(dir, 'checkpoint directory');
  const tmp = tempPathFor(dir);
  mkdirSync(tmp);
  try {
    await saveWeights(`${tmp}/${WEIGHTS_FILE}`, c.params);
    const state: TrainingState = { ...c.state };
    if (c.optimizer) {
      const { tensors, step } = adamwToNamed(c.optimizer);
      await saveSafetensors(`${tmp}/${OPTIMIZER_FILE}`, tensors, { format: 'lola-ts', optimizer: 'adamw' });
      state.optimizerStep = step;
    }
    writeJsonAtomic(`${tmp}/${STATE_FILE}`, state);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = `${dir}.old`;
  if (existsSync(dir)) {
    rmSync(old, { recursive: true, force: true });
    renameSync(dir, old);
  }
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** The directory to read: `dir`, or `<dir>.old` after a crash mid-swap; null if neither holds a checkpoint. */
export function resolveCheckpointDir(dir: string): string | null {
  if (existsSync(`${dir}/${STATE_FILE}`)) return dir;
  if (!existsSync(dir) && existsSync(`${dir}.old/${STATE_FILE}`)) return `${dir}.old`;
  return null;
}

/** Reads and validates `state.json` of a checkpoint directory. */
export function readTrainingState(dir: string): TrainingState {
  const path = `${dir}/${STATE_FILE}`;
  if (!existsSync(path)) throw new Error(`checkpoint file not found: ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: corrupt checkpoint state (invalid JSON: ${(e as Error).message})`);
  }
  const s = raw as Record<string, unknown>;
  const bad = (key: string, expected: string) => new Error(`${path}: field "${key}" must be ${expected}, got ${JSON.stringify(s[key])}`);
  if (typeof s !== 'object' || s === null) throw new Error(`${path}: corrupt checkpoint state (not an object)`);
  if (!Number.isInteger(s.step) || (s.step as number) < 0) throw bad('step', 'a non-negative integer');
  if (!Number.isInteger(s.epoch) || (s.epoch as number) < 0) throw bad('epoch', 'a non-negative integer');
  if (typeof s.seed !== 'number' && typeof s.seed !== 'string') throw bad('seed', 'a number or a string');
  if (s.bestValidation !== null && typeof s.bestValidation !== 'number') throw bad('bestValidation', 'a number or null');
  if (s.bestStep !== null && !Number.isInteger(s.bestStep)) throw bad('bestStep', 'an integer or null');
  const step = s.step as number;
  if (s.bestStep !== null && (s.bestStep as number) > step) throw bad('bestStep', `at most step (${step})`);
  if (
    s.optimizerStep !== undefined &&
    !(Number.isInteger(s.optimizerStep) && (s.optimizerStep as number) >= 0 && (s.optimizerStep as number) <= step)
  ) {
    throw bad('optimizerStep', `an integer in [0, step = ${step}]`);
  }
  if (
    s.skippedSteps !== undefined &&
    !(Number.isInteger(s.skippedSteps) && (s.skippedSteps as number) >= 0 && (s.skippedSteps as number) <= step)
  ) {
    throw bad('skippedSteps', `an integer in [0, step = ${step}]`);
  }
  return s as unknown as TrainingState;
}

/**
 * Loads a checkpoint directory into `params` (exact name/shape match) and, when `withOptimizer`,
 * rebuilds the AdamW state. Errors name the missing or corrupt file.
 */
export function loadCheckpoint(
  dir: string,
  params: ParamTree,
  withOptimizer = true,
): { state: TrainingState; optimizer?: AdamWState; dir: string } {
  const resolved = resolveCheckpointDir(dir);
  if (!resolved) throw new Error(`checkpoint not found: ${dir} (no ${STATE_FILE})`);
  const state = readTrainingState(resolved);
  loadWeights(`${resolved}/${WEIGHTS_FILE}`, params);
  if (!withOptimizer) return { state, dir: resolved };
  const optPath = `${resolved}/${OPTIMIZER_FILE}`;
  const { tensors } = loadSafetensors(optPath);
  try {
    const optimizer = adamwFromNamed(params, tensors, state.optimizerStep ?? state.step, optPath);
    return { state, optimizer, dir: resolved };
  } catch (e) {
    for (const t of tensors.values()) t.dispose();
    throw e;
  }
}

/** True when `dir` (or its `.old` fallback) holds a readable checkpoint state. */
export function checkpointExists(dir: string): boolean {
  return resolveCheckpointDir(dir) !== null;
}
