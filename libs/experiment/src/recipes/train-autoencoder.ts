/**
 * The AE stage (docs/method.md §2, §12): random single snapshots of the train split (augmented,
 * LoLa-preprocessed), AdamW with global-norm clipping and a cosine schedule, validation each epoch
 * on a fixed set of valid snapshots, `best/` and `last/` checkpoints, exact resume (nn-blocks
 * `trainLoop`: every draw at step s is a function of (seed, s)).
 */
import { Rng } from '@lola-ts/numerics';
import * as tf from '@tensorflow/tfjs-core';
import { autoencoderLoss, compressionRate, initDcae, latentShape } from '@lola-ts/autoencoders';
import { BatchOrder, countParams, disposeParams, trainLoop } from '@lola-ts/nn-blocks';
import { type WellDataset } from '@lola-ts/well-data';
import { openStageRun } from '../runs/writer.js';
import { dcaeConfigOf, lossWeightsOf, type AeStageConfig } from '../stages/ae.js';
import { chunkedMean, recipeLog, resolveChannelStats, totalStepsOf, trainLoopSettings, validationIndices } from './common.js';
import type { TrainRecipeOptions, TrainRecipeResult } from './common.js';
import { openSnapshots, readBatch, transformByIndex } from './snapshots.js';

/** Options of `trainAutoencoder`. */
export type TrainAeOptions = TrainRecipeOptions;
/** What `trainAutoencoder` returns. */
export type TrainAeResult = TrainRecipeResult<AeStageConfig>;

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Resolves the data-dependent parts of the config (channels, resolution, stats, pixChannels) and records the stage. */
async function resolveWithData(cfg: AeStageConfig, source: string, train: WellDataset, log: (l: string) => void): Promise<AeStageConfig> {
  const channels = train.channels;
  const resolution = train.schema.resolution;
  const C = channels.length;
  if (cfg.data.channels && !sameList(cfg.data.channels, channels)) {
    throw new Error(
      `${source}: data.channels [${cfg.data.channels.join(', ')}] do not match the dataset's fields [${channels.join(', ')}] in ${cfg.data.path}`,
    );
  }
  if (cfg.data.resolution && !sameList(cfg.data.resolution, resolution)) {
    throw new Error(
      `${source}: data.resolution [${cfg.data.resolution.join(', ')}] does not match the dataset's [${resolution.join(', ')}] in ${cfg.data.path}`,
    );
  }
  if (cfg.ae.pixChannels !== undefined && cfg.ae.pixChannels !== C) {
    throw new Error(
      `${source}: ae.pixChannels is ${cfg.ae.pixChannels} but the dataset ${cfg.data.path} has ${C} channels (${channels.join(', ')})`,
    );
  }
  const transform = transformByIndex(channels, cfg.data.transform, source);
  const stats = await resolveChannelStats(cfg, train, transform, source, log, '[ae]');
  const dcfg = dcaeConfigOf(cfg, C);
  const lat = latentShape(dcfg, resolution);
  const probe = initDcae(dcfg, new Rng(0));
  const parameters = countParams(probe);
  disposeParams(probe);
  return {
    ...cfg,
    stage: 'ae',
    data: { ...cfg.data, channels: [...channels], resolution: [...resolution], mean: stats.mean, std: stats.std },
    ae: { ...dcfg, attentionHeads: Object.fromEntries(Object.entries(dcfg.attentionHeads).map(([k, v]) => [String(k), v])) },
    info: {
      compressionRate: compressionRate(dcfg, [...resolution, C]),
      latentSize: lat.reduce((a, b) => a * b, 1),
      parameters,
      totalSteps: totalStepsOf(cfg.train),
    },
  };
}

/** Trains (or resumes) the AE described by `cfg` (`source` names the config in errors). */
export async function trainAutoencoder(cfg: AeStageConfig, source: string, opts: TrainAeOptions = {}): Promise<TrainAeResult> {
  const log = recipeLog(opts);
  const seed = cfg.train.seed;
  const raw = await openSnapshots(cfg.data.path, 'train');
  let resolved: AeStageConfig;
  try {
    resolved = await resolveWithData(cfg, source, raw, log);
  } finally {
    raw.close();
  }
  const { paths, resumeFrom } = openStageRun('ae', cfg.out, resolved, {
    fresh: opts.fresh,
    packages: ['@lola-ts/autoencoders', '@lola-ts/well-data'],
  });
  const data = resolved.data;
  const preprocess = { transform: transformByIndex(data.channels!, data.transform, source), mean: data.mean!, std: data.std! };
  const train = await openSnapshots(cfg.data.path, 'train', { augment: data.augment, preprocess, seed });
  const valid = await openSnapshots(cfg.data.path, 'valid', { preprocess, seed });
  const dcfg = dcaeConfigOf(resolved, data.channels!.length);
  const ae = initDcae(dcfg, new Rng(`${seed}/init`));
  try {
    if (!sameList(valid.channels, data.channels!))
      throw new Error(
        `${cfg.data.path}: the valid split's fields [${valid.channels.join(', ')}] differ from the train split's [${data.channels!.join(', ')}]`,
      );
    const weights = lossWeightsOf(resolved);
    const validIdx = validationIndices(seed, data.validSamples, valid.length);
    const nValid = validIdx.length;
    const validData = await readBatch(valid, validIdx, new Rng(0));
    const [, ...rest] = validData.shape;
    const frame = rest.reduce((a, b) => a * b, 1);
    const order = new BatchOrder(seed, train.length, cfg.train.batchSize);
    const settings = trainLoopSettings(cfg.train);
    log(
      `[ae] ${paths.root}: ${resolved.info!.parameters} parameters, compression ${resolved.info!.compressionRate}, ` +
        `${train.length} train / ${valid.length} valid snapshots (${nValid} for validation), ${settings.totalSteps} steps` +
        (resumeFrom ? `, resuming at step ${resumeFrom.step}` : ''),
    );
    const result = await trainLoop({
      ...settings,
      run: paths,
      params: ae,
      // trainLoop yields to the event loop before every step, so SIGINT/SIGTERM handlers (save last/ and stop) fire
      batch: async (step, rng) => {
        opts.beforeStep?.(step);
        const b = await readBatch(train, order.indices(step), rng);
        return tf.tensor(b.data, b.shape);
      },
      loss: (p, x, ctx) => autoencoderLoss(p, x, weights, { training: true, rng: ctx.rng }),
      // mean objective over the fixed validation snapshots (no dropout)
      validate: (p) =>
        chunkedMean(nValid, cfg.train.validBatchSize, (i, b) =>
          autoencoderLoss(p, tf.tensor(validData.data.subarray(i * frame, (i + b) * frame), [b, ...rest]), weights),
        ),
      signal: opts.signal,
      progress: opts.progress ?? 'ae',
      progressStream: opts.progressStream,
    });
    return { run: paths, result, resolved };
  } finally {
    train.close();
    valid.close();
    disposeParams(ae);
  }
}
