/**
 * The AE stage (docs/method.md §2, §12): random single snapshots of the train split (augmented,
 * LoLa-preprocessed), AdamW with global-norm clipping and a cosine schedule, validation each epoch
 * on a fixed set of valid snapshots, `best/` and `last/` checkpoints, exact resume (nn-blocks
 * `trainLoop`: every draw at step s is a function of (seed, s)).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { autoencoderLoss, compressionRate, initDcae, latentShape, type Dcae } from '@lola-ts/autoencoders';
import {
  BatchOrder,
  collectProvenance,
  countParams,
  disposeParams,
  openRun,
  parseYaml,
  runPaths,
  trainLoop,
  type RunPaths,
  type TrainLoopResult,
} from '@lola-ts/nn-blocks';
import { Rng, type WellDataset } from '@lola-ts/well-data';
import { dcaeConfigOf, lossWeightsOf, type AeStageConfig } from './config.js';
import { openSnapshots, readBatch, snapshotStats, transformByIndex } from './data.js';

export interface TrainAeOptions {
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

export interface TrainAeResult {
  run: RunPaths;
  result: TrainLoopResult;
  /** The resolved config written to `<run>/config.yaml`. */
  resolved: AeStageConfig;
}

function storedStats(configPath: string, C: number): { mean: number[]; std: number[] } | null {
  if (!existsSync(configPath)) return null;
  const stored = parseYaml(readFileSync(configPath, 'utf8'), configPath) as { data?: { mean?: unknown; std?: unknown } } | null;
  const { mean, std } = stored?.data ?? {};
  const ok = (v: unknown): v is number[] => Array.isArray(v) && v.length === C && v.every((x) => typeof x === 'number');
  return ok(mean) && ok(std) ? { mean, std } : null;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Resolves the data-dependent parts of the config (channels, resolution, stats, pixChannels). */
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
  let stats: { mean: number[]; std: number[] };
  if (cfg.data.mean && cfg.data.std) {
    if (cfg.data.mean.length !== C || cfg.data.std.length !== C)
      throw new Error(`${source}: data.mean and data.std need ${C} values (channels ${channels.join(', ')})`);
    stats = { mean: cfg.data.mean, std: cfg.data.std };
  } else {
    const stored = storedStats(runPaths(cfg.out).config, C);
    if (stored) stats = stored;
    else {
      log(`[ae] computing per-channel statistics over ${cfg.data.statsSamples} training snapshots`);
      stats = await snapshotStats(train, transform, cfg.data.statsSamples, cfg.train.seed);
    }
  }
  const dcfg = dcaeConfigOf(cfg, C);
  const lat = latentShape(dcfg, resolution);
  const probe = initDcae(dcfg, new Rng(0));
  const parameters = countParams(probe);
  disposeParams(probe);
  return {
    ...cfg,
    data: { ...cfg.data, channels: [...channels], resolution: [...resolution], mean: stats.mean, std: stats.std },
    ae: { ...dcfg, attentionHeads: Object.fromEntries(Object.entries(dcfg.attentionHeads).map(([k, v]) => [String(k), v])) },
    info: {
      compressionRate: compressionRate(dcfg, [...resolution, C]),
      latentSize: lat.reduce((a, b) => a * b, 1),
      parameters,
      totalSteps: cfg.train.epochs * cfg.train.stepsPerEpoch,
    },
  };
}

/** Mean objective over the fixed validation snapshots (no dropout), in chunks of `batch`. */
function validationLoss(
  ae: Dcae,
  data: { data: Float32Array; shape: number[] },
  batch: number,
  weights: ReturnType<typeof lossWeightsOf>,
): number {
  const [n, ...rest] = data.shape;
  const frame = rest.reduce((a, b) => a * b, 1);
  let total = 0;
  for (let i = 0; i < n!; i += batch) {
    const b = Math.min(batch, n! - i);
    const loss = tf.tidy(() => autoencoderLoss(ae, tf.tensor(data.data.subarray(i * frame, (i + b) * frame), [b, ...rest]), weights));
    total += loss.dataSync()[0]! * b;
    loss.dispose();
  }
  return total / n!;
}

/** Trains (or resumes) the AE described by `cfg`. */
export async function trainAutoencoder(cfg: AeStageConfig, source: string, opts: TrainAeOptions = {}): Promise<TrainAeResult> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const seed = cfg.train.seed;
  const raw = await openSnapshots(cfg.data.path, 'train');
  let resolved: AeStageConfig;
  try {
    resolved = await resolveWithData(cfg, source, raw, log);
  } finally {
    raw.close();
  }
  const { paths, resumeFrom } = openRun(cfg.out, resolved as unknown as Record<string, unknown>, {
    resume: opts.fresh ? 'never' : 'auto',
    provenance: collectProvenance(['@lola-ts/autoencoders', '@lola-ts/well-data']),
    allowChanged: ['out'],
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
    const vr = new Rng(`${seed}/valid-set`);
    const nValid = Math.min(data.validSamples, valid.length);
    const validIdx = vr.shuffle(Array.from({ length: valid.length }, (_, i) => i)).slice(0, nValid);
    const validData = await readBatch(valid, validIdx, new Rng(0));
    const order = new BatchOrder(seed, train.length, cfg.train.batchSize);
    const totalSteps = cfg.train.epochs * cfg.train.stepsPerEpoch;
    log(
      `[ae] ${paths.root}: ${resolved.info!.parameters} parameters, compression ${resolved.info!.compressionRate}, ` +
        `${train.length} train / ${valid.length} valid snapshots (${nValid} for validation), ${totalSteps} steps` +
        (resumeFrom ? `, resuming at step ${resumeFrom.step}` : ''),
    );
    const result = await trainLoop({
      run: paths,
      params: ae,
      seed,
      totalSteps,
      stepsPerEpoch: cfg.train.stepsPerEpoch,
      schedule: { lr: cfg.train.lr, kind: cfg.train.schedule, granularity: cfg.train.granularity, warmupSteps: cfg.train.warmupSteps },
      optimizer: {
        beta1: cfg.train.beta1,
        beta2: cfg.train.beta2,
        eps: cfg.train.eps,
        weightDecay: cfg.train.weightDecay,
        clipNorm: cfg.train.gradClip,
      },
      batch: async (step, rng) => {
        // let the event loop run once per step: tfjs and h5wasm calls are synchronous, and without a
        // macrotask turn the SIGINT/SIGTERM handlers (save last/ and stop) would never fire
        await new Promise((r) => setImmediate(r));
        opts.beforeStep?.(step);
        const b = await readBatch(train, order.indices(step), rng);
        return tf.tensor(b.data, b.shape);
      },
      loss: (p, x, ctx) => autoencoderLoss(p, x, weights, { training: true, rng: ctx.rng }),
      validate: (p) => validationLoss(p, validData, cfg.train.validBatchSize, weights),
      checkpointEvery: cfg.train.checkpointEvery || undefined,
      maxSkippedFraction: cfg.train.maxSkippedFraction,
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
