/**
 * Latent caching (docs/method.md §3): every trajectory of each split, preprocessed as the AE was trained
 * (§1), encoded frame by frame and stored in a latent store (`state` [n, T, h, w, c], `label`
 * [n, d] = constant scalars + flattened BC codes, §5). The train split gets `repeat` augmented
 * copies per trajectory (duplicates re-drawn), valid one randomly augmented copy, test one
 * un-augmented copy (evaluation keeps only `log_scalars`). Resumable: a partial store keeps the
 * trajectories already written and the next ones are drawn exactly as in an uninterrupted run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { encode, preprocessStates, runCompressionRate, runLatentShape } from '@lola-ts/autoencoders';
import { ProgressBar, writeConfig } from '@lola-ts/nn-blocks';
import {
  applyAugmentation,
  constantScalarNames,
  createLatentStore,
  findWellFiles,
  openLatentStore,
  openWellFiles,
  resolveWellSplit,
  variableChannelNames,
  type AugmentationName,
  trajectoryPiece,
  type WellFile,
  type WellSplit,
} from '@lola-ts/well-data';
import { ensureDir } from '@lola-ts/well-data';
import type { AutoencoderRun } from '../runs/autoencoder-run.js';
import type { CacheManifest, CacheSettings } from '../stages/cache.js';
import { trajectoryDraws } from './augment-draws.js';

/** Options of `cacheLatents`: the stage's settings, progress and logging. */
export interface CacheOptions extends CacheSettings {
  progress?: string | false;
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  log?: (line: string) => void;
  /** Called after each stored trajectory (fault injection in tests: throwing = a crash). */
  afterAppend?: (split: WellSplit, entry: number) => void;
}

/** What `cacheLatents` did to one split. */
export interface SplitSummary {
  split: WellSplit;
  path: string;
  trajectories: number;
  written: number;
  skipped: number;
  duplicates: number;
}

interface SplitPlan {
  split: WellSplit;
  files: WellFile[];
  repeat: number;
  augment: AugmentationName[];
  nSteps: number;
  entries: number;
}

function checkFile(f: WellFile, run: AutoencoderRun): void {
  const chans = variableChannelNames(f.schema);
  const want = run.data.channels;
  if (chans.length !== want.length || chans.some((c, i) => c !== want[i])) {
    throw new Error(
      `${f.path}: the dataset's fields [${chans.join(', ')}] do not match the autoencoder's [${want.join(', ')}] (run ${run.dir})`,
    );
  }
  const res = f.schema.resolution;
  if (res.length !== run.data.resolution.length || res.some((n, i) => n !== run.data.resolution[i])) {
    throw new Error(
      `${f.path}: resolution [${res.join(', ')}] differs from the autoencoder's [${run.data.resolution.join(', ')}] (run ${run.dir})`,
    );
  }
}

/** Encodes `[T, ...res, C]` preprocessed frames into `[T, ...latent]`, `batch` frames at a time. */
async function encodeFrames(run: AutoencoderRun, frames: Float32Array, T: number, batch: number): Promise<Float32Array> {
  const res = run.data.resolution;
  const C = run.data.channels.length;
  const frame = frames.length / T;
  const lat = runLatentShape(run);
  const latFrame = lat.reduce((a, b) => a * b, 1);
  const out = new Float32Array(T * latFrame);
  for (let t = 0; t < T; t += batch) {
    const b = Math.min(batch, T - t);
    const z = tf.tidy(() => encode(run.ae, tf.tensor(frames.subarray(t * frame, (t + b) * frame), [b, ...res, C])));
    out.set(await z.data(), t * latFrame);
    z.dispose();
  }
  return out;
}

/** Caches the latents of `run` on the dataset `opts.data`; returns one summary per split. */
export async function cacheLatents(run: AutoencoderRun, opts: CacheOptions): Promise<SplitSummary[]> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const augment = opts.augment ?? ((run.config.data as Record<string, unknown>)?.augment as AugmentationName[] | undefined) ?? [];
  const geometric = augment.filter((a) => a !== 'log_scalars');
  const plans: SplitPlan[] = [];
  try {
    for (const split of opts.splits) {
      const loc = resolveWellSplit(opts.data, split);
      const files = await openWellFiles(findWellFiles(loc.splitDir));
      plans.push({ split, files, repeat: 0, augment: [], nSteps: 0, entries: 0 });
      files.forEach((f) => checkFile(f, run));
      const steps = new Set(files.map((f) => f.schema.nSteps));
      if (steps.size > 1)
        throw new Error(`${loc.splitDir}: files have different numbers of steps (${[...steps].join(', ')}); a latent store needs one T`);
      const plan = plans[plans.length - 1]!;
      plan.repeat = split === 'train' ? opts.repeat : 1;
      plan.augment = split === 'test' ? augment.filter((a) => a === 'log_scalars') : augment;
      plan.nSteps = files[0]!.schema.nSteps;
      plan.entries = files.reduce((a, f) => a + f.schema.nTrajectories, 0) * plan.repeat;
    }
    if (geometric.length === 0) log('[cache] no geometric augmentation configured: train copies will be identical');
    ensureDir(opts.out, 'cache directory');
    const manifest: CacheManifest = {
      stage: 'cache',
      aeRun: run.dir,
      aeRunId: run.runId,
      checkpoint: run.checkpoint,
      data: opts.data,
      compressionRate: runCompressionRate(run),
      latentShape: runLatentShape(run),
      channels: run.data.channels,
      labels: [
        ...constantScalarNames(plans[0]!.files[0]!.schema),
        ...plans[0]!.files[0]!.schema.spatialDims.flatMap((d) => [`bc_${d}_lower`, `bc_${d}_upper`]),
      ],
      repeat: opts.repeat,
      augment: [...augment],
      seed: opts.seed,
      splits: Object.fromEntries(
        plans.map((p) => [
          p.split,
          { file: `${p.split}.h5`, trajectories: p.entries, nSteps: p.nSteps, repeat: p.repeat, augment: [...p.augment] },
        ]),
      ),
    };
    writeConfig(join(opts.out, 'cache.yaml'), manifest, 'latent cache (lola-train cache)');
    const total = plans.reduce((a, p) => a + p.entries, 0);
    const bar = opts.progress === false ? null : new ProgressBar({ total, label: opts.progress ?? 'cache', stream: opts.progressStream });
    const summaries: SplitSummary[] = [];
    let done = 0;
    try {
      for (const plan of plans) {
        summaries.push(await cacheSplit(run, plan, opts, (n) => bar?.update((done += n), { split: plan.split })));
      }
    } finally {
      bar?.finish();
    }
    return summaries;
  } finally {
    for (const p of plans) for (const f of p.files) f.close();
  }
}

async function cacheSplit(run: AutoencoderRun, plan: SplitPlan, opts: CacheOptions, advance: (n: number) => void): Promise<SplitSummary> {
  const path = join(opts.out, `${plan.split}.h5`);
  const summary: SplitSummary = { split: plan.split, path, trajectories: plan.entries, written: 0, skipped: 0, duplicates: 0 };
  if (existsSync(path)) {
    const store = await openLatentStore(path);
    const { aeRunId } = store.meta;
    const n = store.nTrajectories;
    store.close();
    if (aeRunId !== run.runId || n !== plan.entries) {
      throw new Error(
        `${path} already exists with ${n} trajectories from AE run '${aeRunId}' (expected ${plan.entries} from '${run.runId}'); delete it to re-cache`,
      );
    }
    summary.skipped = n;
    advance(n);
    return summary;
  }
  const first = plan.files[0]!.schema;
  const labelNames = constantScalarNames(first);
  const writer = await createLatentStore(
    path,
    {
      aeRunId: run.runId,
      compressionRate: runCompressionRate(run),
      nSteps: plan.nSteps,
      latentShape: runLatentShape(run),
      labelDim: labelNames.length + 2 * first.nSpatialDims,
    },
    { resume: true },
  );
  {
    const already = writer.nTrajectories;
    summary.skipped = already;
    advance(already);
    let g = 0;
    for (const file of plan.files) {
      const s = file.schema;
      for (let traj = 0; traj < s.nTrajectories; traj++, g++) {
        const firstEntry = g * plan.repeat;
        if (firstEntry + plan.repeat <= already) continue;
        await new Promise((r) => setImmediate(r)); // a macrotask turn per trajectory, so Ctrl-C is seen
        const ctx = { gridType: s.gridType, resolution: s.resolution, boundaryConditions: s.boundaryCodes };
        const { draws, duplicates } = trajectoryDraws(plan.augment, plan.repeat, opts.seed, plan.split, g, ctx);
        summary.duplicates += duplicates;
        const fields = file.readFields(traj);
        const scalars = file.readScalars(traj).constant;
        const base = trajectoryPiece(s, { variableFields: fields.data, nTime: s.nSteps, constantScalars: { ...scalars } });
        for (let k = 0; k < plan.repeat; k++) {
          if (firstEntry + k < already) continue;
          const piece = applyAugmentation(base, draws[k]!);
          const x = preprocessStates(run.data, piece.variableFields);
          const z = await encodeFrames(run, x, s.nSteps, opts.batch);
          const label = [...labelNames.map((n) => piece.constantScalars[n]!), ...piece.boundaryConditions.flat()];
          await writer.append(z, label);
          summary.written++;
          advance(1);
          opts.afterAppend?.(plan.split, firstEntry + k);
        }
      }
    }
    // on an error the partial file stays (flushed after every trajectory): the next run resumes from it
    await writer.close();
  }
  return summary;
}
