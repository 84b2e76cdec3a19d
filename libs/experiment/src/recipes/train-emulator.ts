/**
 * The emulator stages `lola-train dm` and `lola-train ns` (docs/method.md §4–§9, §12): windows of
 * `window` states with random context masks (Poisson(λ) mod (L − atleast) + atleast, forward with
 * probability ρ), the label embedding, and either the EDM denoising loss (dm) or the whole-window
 * MSE (ns). AdamW (β2 = 0.99 by default), global-norm clipping, cosine schedule, non-finite steps
 * skipped, validation each epoch on fixed windows with fixed masks and noise, `best/` and `last/`
 * checkpoints, exact resume (nn-blocks `trainLoop`: every draw at step s is a function of (seed, s)).
 */
import { Rng } from '@lola-ts/numerics';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  diffusionTrainingLoss,
  drawLossNoise,
  initDiffusionModel,
  makeSchedule,
  type DiffusionModelParams,
  type NoiseSchedule,
  type ScheduleConfig,
} from '@lola-ts/diffusion';
import { randomContextMask } from '@lola-ts/emulation';
import { BatchOrder, countParams, disposeParams, trainLoop } from '@lola-ts/nn-blocks';
import { initSolver, solverLoss, type SolverParams } from '@lola-ts/solvers';
import { type FieldPreprocessing } from '@lola-ts/well-data';
import { readCacheManifest } from '../runs/manifest.js';
import { openStageRun } from '../runs/writer.js';
import type { CacheManifest } from '../stages/cache.js';
import type { EmulatorKind, EmulatorStageConfig } from '../stages/emulator.js';
import { chunkedMean, recipeLog, resolveChannelStats, trainLoopSettings, validationIndices } from './common.js';
import type { TrainRecipeOptions, TrainRecipeResult } from './common.js';
import { openSnapshots, transformByIndex } from './snapshots.js';
import { openLatentWindows, openPixelWindows, type WindowSource } from './windows.js';

/** Options of `trainEmulator`. */
export type TrainEmulatorOptions = TrainRecipeOptions;
/** What `trainEmulator` returns. */
export type TrainEmulatorResult = TrainRecipeResult<EmulatorStageConfig>;

type Params = DiffusionModelParams | SolverParams;
interface Batch extends tf.NamedTensorMap {
  x: tf.Tensor;
  label: tf.Tensor;
}

/** Per-channel preprocessing of the pixel solver: config stats, stored stats, or computed ones. */
async function pixelPreprocessing(
  cfg: EmulatorStageConfig,
  source: string,
  log: (l: string) => void,
): Promise<{ pre: FieldPreprocessing; channels: string[]; mean: number[]; std: number[] }> {
  const raw = await openSnapshots(cfg.data.path, 'train');
  try {
    const channels = [...raw.channels];
    const transform = transformByIndex(channels, cfg.data.transform, source);
    const { mean, std } = await resolveChannelStats(cfg, raw, transform, source, log, '[ns]');
    return { pre: { transform, mean, std }, channels, mean, std };
  } finally {
    raw.close();
  }
}

function initModel(kind: EmulatorKind, cfg: EmulatorStageConfig, rng: Rng): Params {
  const m = cfg.model;
  const model = {
    channels: m.channels!,
    spatial: m.spatial!,
    hidChannels: m.hidChannels,
    hidBlocks: m.hidBlocks,
    heads: m.heads,
    embFeatures: m.embFeatures,
    labelFeatures: m.labelFeatures!,
    dropout: m.dropout,
    ffnFactor: m.ffnFactor,
    patchSize: m.patchSize,
  };
  return kind === 'dm' ? initDiffusionModel(rng, model) : initSolver(rng, model);
}

/** The stage's loss on a batch; masks, noise and dropout drawn from `rng` in a fixed order. */
function stageLoss(
  kind: EmulatorKind,
  cfg: EmulatorStageConfig,
  schedule: NoiseSchedule,
  p: Params,
  b: Batch,
  rng: Rng,
  training: boolean,
): tf.Scalar {
  const [batch, length] = b.x.shape as [number, number];
  const { mask } = randomContextMask(rng, batch, length, b.x.rank, cfg.mask);
  const drop = { training, rng };
  const label = cfg.model.labelFeatures! > 0 ? b.label : undefined;
  try {
    if (kind === 'dm')
      return diffusionTrainingLoss(p as DiffusionModelParams, { x: b.x, mask, label }, drawLossNoise(schedule, b.x.shape, rng), drop);
    return solverLoss(p as SolverParams, { x: b.x, mask, label }, drop);
  } finally {
    mask.dispose();
  }
}

/** Trains (or resumes) a DM or NS described by `cfg` (`source` names the config in errors). */
export async function trainEmulator(
  kind: EmulatorKind,
  cfg: EmulatorStageConfig,
  source: string,
  opts: TrainEmulatorOptions = {},
): Promise<TrainEmulatorResult> {
  const log = recipeLog(opts);
  const tag = `[${kind}]`;
  const seed = cfg.train.seed;
  const pixel = cfg.data.source === 'well';
  if (pixel && kind === 'dm')
    throw new Error(`${source}: data.source "well" (pixel space) is supported for ns only, as in LoLa (no pixel-space DM)`);
  const windowOpts = { window: cfg.data.window, stride: cfg.data.stride, seed };
  let train: WindowSource;
  let valid: WindowSource;
  let dataInfo: Partial<EmulatorStageConfig['data']>;
  if (pixel) {
    const { pre, channels, mean, std } = await pixelPreprocessing(cfg, source, log);
    train = await openPixelWindows(cfg.data.path, 'train', { ...windowOpts, preprocess: pre, augment: cfg.data.augment });
    valid = await openPixelWindows(cfg.data.path, 'valid', { ...windowOpts, preprocess: pre });
    dataInfo = { channels, mean, std };
  } else {
    train = await openLatentWindows(cfg.data.path, 'train', windowOpts);
    valid = await openLatentWindows(cfg.data.path, 'valid', windowOpts);
    // a cache directory without its manifest still trains (labels and channels then stay unnamed)
    const cache: CacheManifest = existsSync(join(cfg.data.path, 'cache.yaml')) ? readCacheManifest(cfg.data.path).cache : {};
    dataInfo = {
      latentShape: train.stateShape,
      ...(cache.labels ? { labels: cache.labels } : {}),
      ...(cache.channels ? { channels: cache.channels } : {}),
      compressionRate: typeof cache.compressionRate === 'number' ? cache.compressionRate : null,
    };
  }
  let params: Params | null = null;
  try {
    if (valid.stateShape.join() !== train.stateShape.join() || valid.labelDim !== train.labelDim) {
      throw new Error(
        `${cfg.data.path}: the valid split's states [${valid.stateShape.join(', ')}] / labels (${valid.labelDim}) differ from the train split's [${train.stateShape.join(', ')}] / (${train.labelDim})`,
      );
    }
    const spatial = train.stateShape.length; // time + the state's grid axes
    const patch = cfg.model.patchSize.length === 1 ? new Array<number>(spatial).fill(cfg.model.patchSize[0]!) : cfg.model.patchSize;
    if (patch.length !== spatial)
      throw new Error(`${source}: model.patchSize has ${patch.length} entries, expected ${spatial} (time + ${spatial - 1} grid axes)`);
    const grid = [cfg.data.window, ...train.stateShape.slice(0, -1)];
    grid.forEach((n, a) => {
      if (n % patch[a]! !== 0)
        throw new Error(`${source}: model.patchSize[${a}] = ${patch[a]} does not divide the window's axis of size ${n}`);
    });
    const resolvedBase: EmulatorStageConfig = {
      ...cfg,
      stage: kind,
      data: { ...cfg.data, ...dataInfo },
      model: { ...cfg.model, patchSize: patch, channels: train.stateShape[spatial - 1]!, spatial, labelFeatures: train.labelDim },
    };
    const probe = initModel(kind, resolvedBase, new Rng(0));
    const parameters = countParams(probe);
    disposeParams(probe);
    const settings = trainLoopSettings(cfg.train);
    const totalSteps = settings.totalSteps;
    const tokens = grid.reduce((a, n, i) => a * (n / patch[i]!), 1);
    const resolved: EmulatorStageConfig = {
      ...resolvedBase,
      ...(kind === 'ns' ? { diffusion: cfg.diffusion } : {}),
      info: { parameters, totalSteps, tokens, trainWindows: train.length, validWindows: valid.length },
    };
    const { paths, resumeFrom } = openStageRun(kind, cfg.out, resolved, {
      fresh: opts.fresh,
      packages: ['@lola-ts/diffusion', '@lola-ts/solvers', '@lola-ts/emulation', '@lola-ts/well-data'],
    });
    const schedule = makeSchedule(cfg.diffusion.schedule as ScheduleConfig);
    params = initModel(kind, resolved, new Rng(`${seed}/init`));
    const model = params;
    const validIdx = validationIndices(seed, cfg.data.validSamples, valid.length);
    const nValid = validIdx.length;
    const validData = await valid.read(validIdx, new Rng(`${seed}/valid-read`));
    const order = new BatchOrder(seed, train.length, cfg.train.batchSize);
    log(
      `${tag} ${paths.root}: ${parameters} parameters, ${tokens} tokens per window, ${train.length} train / ${valid.length} valid windows ` +
        `(${nValid} for validation), ${totalSteps} steps` +
        (resumeFrom ? `, resuming at step ${resumeFrom.step}` : ''),
    );
    const rest = [cfg.data.window, ...train.stateShape];
    const size = rest.reduce((a, b) => a * b, 1);
    // fixed windows, masks and noise: chunk k draws from `<seed>/valid/<k>`
    const validate = (p: Params): number =>
      chunkedMean(nValid, cfg.train.validBatchSize, (i, b, chunk) => {
        const batch: Batch = {
          x: tf.tensor(validData.data.subarray(i * size, (i + b) * size), [b, ...rest]),
          label: tf.tensor(validData.label.subarray(i * train.labelDim, (i + b) * train.labelDim), [b, train.labelDim]),
        };
        return stageLoss(kind, resolved, schedule, p, batch, new Rng(`${seed}/valid/${chunk}`), false);
      });
    const result = await trainLoop<Params, Batch>({
      ...settings,
      run: paths,
      params: model,
      batch: async (step, rng) => {
        opts.beforeStep?.(step);
        const w = await train.read(order.indices(step), rng);
        return { x: tf.tensor(w.data, w.shape), label: tf.tensor(w.label, [w.shape[0]!, train.labelDim]) };
      },
      loss: (p, b, ctx) => stageLoss(kind, resolved, schedule, p, b, ctx.rng, true),
      validate: (p) => validate(p),
      signal: opts.signal,
      progress: opts.progress ?? kind,
      progressStream: opts.progressStream,
    });
    return { run: paths, result, resolved };
  } finally {
    train.close();
    valid.close();
    if (params) disposeParams(params);
  }
}
