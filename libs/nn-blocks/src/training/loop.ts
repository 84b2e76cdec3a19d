/**
 * The shared training loop of `lola-train ae|dm|ns` (docs/method.md §12 recipe, docs/architecture.md §3–4):
 * per step, batch → loss → gradients → clip → AdamW (non-finite steps skipped) with the scheduled
 * learning rate; JSONL log and progress bar; at each epoch end an optional validation, the best
 * checkpoint (`best/`) and the resumable one (`last/`).
 *
 * Determinism and resume: the batch and the model's randomness at step s come from
 * `streamRng(seed, 'data', s)` and `streamRng(seed, 'model', s)`, validation from
 * `streamRng(seed, 'valid', epoch)`, the learning rate from s. With parameters and AdamW moments
 * restored bit for bit from `last/`, a resumed run repeats exactly the steps an uninterrupted run
 * would have made (only the steps after the last checkpoint are recomputed).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@lola-ts/numerics';
import { checkpointExists, loadCheckpoint, saveCheckpoint, type TrainingState } from '../checkpoint/checkpoint.js';
import { disposeAdamW, initAdamW, type AdamWState } from '../optim/adamw.js';
import { learningRate, type ScheduleConfig } from '../optim/schedule.js';
import { optimizerStep, type StepConfig } from '../optim/step.js';
import { valueAndGrads } from '../params/grads.js';
import type { ParamTree } from '../params/tree.js';
import { JsonlLogger } from './logger.js';
import {
  allowedSkips,
  checkMaxSkippedFraction,
  DEFAULT_MAX_SKIPPED_FRACTION,
  NonFiniteValidationError,
  SkippedStepsError,
} from './non-finite.js';
import { ProgressBar } from './progress.js';
import type { RunPaths } from './run-dir.js';
import { streamRng } from './seeds.js';

export interface StepContext {
  step: number;
  epoch: number;
  /** The model's randomness for this step (dropout, noise levels, masks). */
  rng: Rng;
}

export interface TrainLoopOptions<P extends ParamTree, B extends tf.TensorContainer> {
  run: RunPaths;
  params: P;
  seed: number | string;
  totalSteps: number;
  stepsPerEpoch: number;
  /** Learning-rate schedule (totalSteps and stepsPerEpoch are filled in). */
  schedule: Omit<ScheduleConfig, 'totalSteps' | 'stepsPerEpoch'>;
  optimizer?: StepConfig;
  /** The batch of step `step` (any tensors in it are disposed by the loop). */
  batch: (step: number, rng: Rng) => B | Promise<B>;
  /** Scalar training loss (synchronous; runs under gradient tape). */
  loss: (params: P, batch: B, ctx: StepContext) => tf.Scalar;
  /** Mean validation loss after each epoch (lower is better); keep it tensor-clean. */
  validate?: (params: P, epoch: number, rng: Rng) => number | Promise<number>;
  /** Resume from `run.last` when it exists (default true). */
  resume?: boolean;
  /** Also save `last/` every this many steps (default: only at epoch ends). */
  checkpointEvery?: number;
  /**
   * Fraction of `totalSteps` that may be skipped for a non-finite loss or gradient (default 0.05);
   * one more skipped step stops the run with a `SkippedStepsError`.
   */
  maxSkippedFraction?: number;
  /**
   * Stop cleanly when aborted (SIGINT/SIGTERM): checked before every step, including the first;
   * `last/` is saved at the current step (unless it already holds it) and `stopped` is true.
   */
  signal?: AbortSignal;
  /** Progress bar: label, or false for none (default 'train'). */
  progress?: string | false;
  /** Stream for the progress bar (default stderr). */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Extra fields stored in state.json. */
  extra?: Record<string, unknown>;
}

export interface TrainLoopResult {
  state: TrainingState;
  /** True when stopped by the signal before totalSteps. */
  stopped: boolean;
  /** True when the run resumed from `last/`. */
  resumed: boolean;
}

/** Runs (or resumes) training to `totalSteps`. */
export async function trainLoop<P extends ParamTree, B extends tf.TensorContainer>(o: TrainLoopOptions<P, B>): Promise<TrainLoopResult> {
  const spe = o.stepsPerEpoch;
  if (!Number.isInteger(spe) || spe <= 0) throw new RangeError(`trainLoop: stepsPerEpoch must be a positive integer, got ${spe}`);
  if (!Number.isInteger(o.totalSteps) || o.totalSteps < 0)
    throw new RangeError(`trainLoop: totalSteps must be a non-negative integer, got ${o.totalSteps}`);
  const schedule: ScheduleConfig = { ...o.schedule, totalSteps: o.totalSteps, stepsPerEpoch: spe };
  const maxSkipped = checkMaxSkippedFraction(o.maxSkippedFraction ?? DEFAULT_MAX_SKIPPED_FRACTION);
  const skipBudget = allowedSkips(o.totalSteps, maxSkipped);

  let state: TrainingState = { step: 0, epoch: 0, seed: o.seed, bestValidation: null, bestStep: null, elapsedSeconds: 0, extra: o.extra };
  let opt: AdamWState;
  const resumed = (o.resume ?? true) && checkpointExists(o.run.last);
  if (resumed) {
    const loaded = loadCheckpoint(o.run.last, o.params, true);
    if (String(loaded.state.seed) !== String(o.seed))
      throw new Error(`cannot resume ${o.run.last}: it was trained with seed ${loaded.state.seed}, not ${o.seed}`);
    if (loaded.state.step > o.totalSteps) {
      if (loaded.optimizer) disposeAdamW(loaded.optimizer);
      throw new Error(
        `cannot resume ${o.run.last}: its state.json is at step ${loaded.state.step}, beyond the ${o.totalSteps} total steps of this config ` +
          `(epochs × stepsPerEpoch); raise train.epochs, or use another run directory`,
      );
    }
    state = { ...loaded.state, extra: o.extra ?? loaded.state.extra };
    opt = loaded.optimizer!;
  } else {
    opt = initAdamW(o.params);
  }
  const logger = new JsonlLogger(o.run.log, resumed ? state.step : undefined);
  const bar =
    o.progress === false
      ? null
      : new ProgressBar({ total: o.totalSteps, label: o.progress ?? 'train', start: state.step, stream: o.progressStream });
  const t0 = performance.now() / 1000;
  const elapsed0 = state.elapsedSeconds ?? 0;
  const now = () => elapsed0 + performance.now() / 1000 - t0;
  let emaLoss: number | null = null;
  let stopped = false;

  // the step `last/` holds (the loaded one on resume), so that a stop never writes it twice
  let lastSaved = resumed ? state.step : -1;
  const save = async (dir: string, withOptimizer: boolean) => {
    state = { ...state, elapsedSeconds: now(), optimizerStep: opt.step };
    await saveCheckpoint(dir, { params: o.params, optimizer: withOptimizer ? opt : undefined, state });
    if (dir === o.run.last) lastSaved = state.step;
  };

  try {
    while (state.step < o.totalSteps) {
      // One macrotask turn per step: promise continuations alone never let signal handlers
      // (SIGINT/SIGTERM → abort → save last/ and stop) or timers run.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (o.signal?.aborted) {
        if (lastSaved !== state.step) await save(o.run.last, true);
        stopped = true;
        break;
      }
      const step = state.step;
      const epoch = Math.floor(step / spe);
      const lr = learningRate(schedule, step);
      const batch = await o.batch(step, streamRng(o.seed, 'data', step));
      const ctx: StepContext = { step, epoch, rng: streamRng(o.seed, 'model', step) };
      let lossValue: number;
      let gradNorm: number;
      let skipped: boolean;
      try {
        const { value, grads } = valueAndGrads(o.params, () => o.loss(o.params, batch, ctx));
        try {
          lossValue = (await value.data())[0]!;
          const r = optimizerStep(o.params, grads, opt, lr, o.optimizer ?? {}, lossValue);
          opt = r.state;
          gradNorm = r.gradNorm;
          skipped = r.skipped;
        } finally {
          value.dispose();
          for (const g of grads.values()) g.dispose();
        }
      } finally {
        tf.dispose(batch);
      }
      state = { ...state, step: step + 1 };
      if (skipped) {
        state = { ...state, skippedSteps: (state.skippedSteps ?? 0) + 1, firstSkippedStep: state.firstSkippedStep ?? state.step };
      }
      if (Number.isFinite(lossValue)) emaLoss = emaLoss === null ? lossValue : 0.95 * emaLoss + 0.05 * lossValue;
      logger.log({ kind: 'train', step: state.step, epoch, loss: lossValue, lr, gradNorm, skipped, time: now() });
      bar?.update(state.step, { loss: emaLoss ?? NaN, lr });
      if ((state.skippedSteps ?? 0) > skipBudget) {
        throw new SkippedStepsError(
          state.step,
          state.skippedSteps!,
          o.totalSteps,
          maxSkipped,
          state.firstSkippedStep ?? null,
          checkpointExists(o.run.last) ? o.run.last : null,
        );
      }

      const epochEnd = state.step % spe === 0 || state.step === o.totalSteps;
      if (epochEnd) {
        state = { ...state, epoch: Math.ceil(state.step / spe) };
        if (o.validate) {
          const val = await o.validate(o.params, epoch, streamRng(o.seed, 'valid', epoch));
          logger.log({ kind: 'valid', step: state.step, epoch, loss: val, time: now() });
          if (!Number.isFinite(val)) throw new NonFiniteValidationError(val, epoch, state.step);
          if (state.bestValidation === null || val < state.bestValidation) {
            state = { ...state, bestValidation: val, bestStep: state.step };
            await save(o.run.best, false);
          }
        }
        await save(o.run.last, true);
      } else if (o.checkpointEvery && state.step % o.checkpointEvery === 0) {
        await save(o.run.last, true);
      }
    }
    if (!stopped && state.step === o.totalSteps && !checkpointExists(o.run.last)) await save(o.run.last, true);
  } finally {
    bar?.finish();
    disposeAdamW(opt);
  }
  return { state: { ...state, elapsedSeconds: now() }, stopped, resumed };
}
