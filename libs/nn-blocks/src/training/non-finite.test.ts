import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, readTrainingState, saveCheckpoint } from '../checkpoint/checkpoint.js';
import { loadWeights } from '../checkpoint/tensors.js';
import { linear } from '../layers/linear.js';
import { disposeParams } from '../params/tree.js';
import { readLog } from './logger.js';
import { cpuRunsDir, makeModel, type Model } from './loop-fixture.js';
import { trainLoop, type TrainLoopOptions } from './loop.js';
import { NonFiniteValidationError, SkippedStepsError } from './non-finite.js';
import { runPaths } from './run-dir.js';

const runDir = cpuRunsDir('nn-nonfinite-');

/** A linear fit whose loss is NaN on the steps in `nanSteps`. */
function options(
  dir: string,
  p: Model,
  nanSteps: (s: number) => boolean,
  extra: Partial<TrainLoopOptions<Model, tf.Tensor[]>> = {},
): TrainLoopOptions<Model, tf.Tensor[]> {
  return {
    run: runPaths(dir),
    params: p,
    seed: 0,
    totalSteps: 40,
    stepsPerEpoch: 10,
    schedule: { lr: 1e-2 },
    progress: false,
    batch: (step) => [
      tf.tensor2d([
        [1, step % 3],
        [0, 1],
      ]),
      tf.tensor2d([[1], [2]]),
    ],
    loss: (params, [x, y], ctx) =>
      tf.tidy(() => {
        const l = tf.mean(tf.square(tf.sub(linear(params.fc, x!), y!))) as tf.Scalar;
        return nanSteps(ctx.step) ? (tf.mul(l, NaN) as tf.Scalar) : l;
      }),
    ...extra,
  };
}

describe('trainLoop and non-finite values', () => {
  it('tolerates skipped steps up to train.maxSkippedFraction and records them', async () => {
    const dir = runDir('two-skips');
    const p = makeModel();
    // 40 steps × 0.05 = 2 skips allowed
    const r = await trainLoop(options(dir, p, (s) => s === 3 || s === 17));
    expect(r.state.step).toBe(40);
    expect(r.state.skippedSteps).toBe(2);
    expect(readTrainingState(join(dir, 'last'))).toMatchObject({ skippedSteps: 2, firstSkippedStep: 4 });
    disposeParams(p);
  });

  it('stops with a clear error once more steps were skipped than allowed', async () => {
    const dir = runDir('three-skips');
    const p = makeModel();
    const err = await trainLoop(options(dir, p, (s) => s === 3 || s === 17 || s === 25)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkippedStepsError);
    expect(err).toMatchObject({ step: 26, skipped: 3, totalSteps: 40, firstSkippedStep: 4 });
    expect((err as Error).message).toMatch(
      /training stopped at step 26: 3 step\(s\) skipped .*more than train.maxSkippedFraction=0.05 of the 40 total steps allows \(2\)/,
    );
    expect((err as Error).message).toContain(`${join(dir, 'last')} holds the last checkpoint written before`);
    expect(readTrainingState(join(dir, 'last')).step).toBe(20);
    disposeParams(p);
  });

  it('never completes a run in which every step is skipped (a NaN checkpoint or NaN data)', async () => {
    const dir = runDir('all-skipped');
    const p = makeModel();
    await expect(trainLoop(options(dir, p, () => true))).rejects.toThrow(
      /training stopped at step 3: 3 step\(s\) skipped because .* \(first at step 1\).*; no checkpoint was written$/,
    );
    expect(existsSync(join(dir, 'last'))).toBe(false);
    // a stricter budget stops at the first skipped step; a lax one can be configured
    await expect(trainLoop(options(runDir('strict'), p, (s) => s === 5, { maxSkippedFraction: 0 }))).rejects.toThrow(
      /stopped at step 6: 1 step/,
    );
    const lax = await trainLoop(options(runDir('lax'), p, (s) => s % 2 === 0, { maxSkippedFraction: 0.5 }));
    expect(lax.state.skippedSteps).toBe(20);
    await expect(trainLoop(options(runDir('bad'), p, () => false, { maxSkippedFraction: 2 }))).rejects.toThrow(
      /maxSkippedFraction must be a number in \[0, 1\], got 2/,
    );
    disposeParams(p);
  });

  it('refuses a non-finite validation loss', async () => {
    const dir = runDir('nan-valid');
    const p = makeModel();
    const err = await trainLoop(options(dir, p, () => false, { validate: (_p, epoch) => (epoch === 1 ? NaN : 1) })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NonFiniteValidationError);
    expect((err as Error).message).toBe(
      "validation loss is NaN after epoch 1 (step 20): the model's outputs or the valid split are not finite; training stopped",
    );
    expect(readTrainingState(join(dir, 'last')).step).toBe(10);
    expect(
      readLog(join(dir, 'log.jsonl'))
        .filter((r) => r.kind === 'valid')
        .map((r) => r.loss),
    ).toEqual([1, null]);
    disposeParams(p);
  });

  it('refuses to resume a state.json beyond the total steps', async () => {
    const dir = runDir('beyond');
    const p = makeModel();
    await trainLoop(options(dir, p, () => false, { totalSteps: 20 }));
    await expect(trainLoop(options(dir, p, () => false, { totalSteps: 10 }))).rejects.toThrow(
      `cannot resume ${join(dir, 'last')}: its state.json is at step 20, beyond the 10 total steps of this config`,
    );
    const finished = await trainLoop(options(dir, p, () => false, { totalSteps: 20 }));
    expect(finished).toMatchObject({ resumed: true, stopped: false, state: { step: 20 } });
    disposeParams(p);
  });
});

describe('checkpoints with non-finite values', () => {
  it('are refused at load, naming the file and the tensor', async () => {
    const dir = runDir('nan-ckpt');
    const p = makeModel();
    await saveCheckpoint(dir, { params: p, state: { step: 1, epoch: 0, seed: 0, bestValidation: null, bestStep: null } });
    const good = makeModel();
    p.fc.weight.assign(tf.tensor2d([[1], [Infinity]]));
    await saveCheckpoint(dir, { params: p, state: { step: 2, epoch: 0, seed: 0, bestValidation: null, bestStep: null } });
    const file = join(dir, 'weights.safetensors');
    expect(() => loadCheckpoint(dir, good, false)).toThrow(
      `${file}: tensor "fc.weight" holds 1 non-finite value (first Infinity at flat index 1 of shape [2, 1])`,
    );
    expect(() => loadWeights(file, good)).toThrow(/refusing to load a checkpoint with NaN\/Inf values/);
    disposeParams(p);
    disposeParams(good);
  });

  it('state.json is cross-checked (optimizerStep, bestStep, skippedSteps within step)', async () => {
    const dir = runDir('bad-state');
    const p = makeModel();
    await saveCheckpoint(dir, { params: p, state: { step: 3, epoch: 0, seed: 0, bestValidation: null, bestStep: null } });
    const path = join(dir, 'state.json');
    const s = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...s, optimizerStep: 5 }));
    expect(() => readTrainingState(dir)).toThrow(`${path}: field "optimizerStep" must be an integer in [0, step = 3], got 5`);
    writeFileSync(path, JSON.stringify({ ...s, bestStep: 4, bestValidation: 1 }));
    expect(() => readTrainingState(dir)).toThrow(/field "bestStep" must be at most step \(3\), got 4/);
    disposeParams(p);
  });
});
