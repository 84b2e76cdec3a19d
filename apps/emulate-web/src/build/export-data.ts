/**
 * Build step 1: the page's data. Reads the runs the trainer wrote (`config.yaml` +
 * `<checkpoint>/weights.safetensors`) through @lola-ts/experiment's typed run reader, and
 * reads a few test trajectories from the Well files (the simulator's truth) with their labels.
 */
import { buildLabel, datasetLogsScalars } from '@lola-ts/emulation';
import {
  manifestFile,
  readCacheManifest,
  readRunManifest,
  runCheckpoint,
  type AeRunManifest,
  type EmulatorRunManifest,
} from '@lola-ts/experiment';
import { findWellFiles, openWellFile, resolveWellSplit } from '@lola-ts/well-data';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { SiteData, SiteRun, SiteTrajectory } from '../manifest.js';

export interface ExportOptions {
  /** Autoencoder run directory. */
  ae: string;
  /** Latent DM / NS run directories trained on that AE's latents (missing ones are an error). */
  emulators: string[];
  /** Well dataset directory (with `data/test`), or a directory of HDF5 files. */
  data: string;
  /** Test trajectories to export (default 2). */
  trajectories?: number;
  /** Frames per trajectory, including the initial state (default: as many as fit, at most 33). */
  frames?: number;
  /** Stride between exported frames in the file's time steps (default: the emulators' `data.stride`, as trained). */
  stride?: number;
  /** Checkpoint of every run: `last` (default) or `best`. */
  checkpoint?: 'last' | 'best';
}

function readWeights(dir: string, checkpoint: 'last' | 'best'): { weights: string; checkpoint: string } {
  const { dir: resolved, weights } = runCheckpoint(resolve(dir), checkpoint);
  return { weights: readFileSync(weights).toString('base64'), checkpoint: resolved };
}

/** The AE a latent run was trained on, from its cache's manifest (null when the cache or its `aeRun` is not there). */
function cacheAutoencoder(run: EmulatorRunManifest): string | null {
  const path = run.data.path;
  if (path === undefined || !existsSync(join(path, manifestFile('cache')))) return null;
  return readCacheManifest(path).cache.aeRun ?? null;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** Reads the runs and the test trajectories into the page's data (without the wasm binaries). */
export async function exportSiteData(opts: ExportOptions): Promise<Omit<SiteData, 'wasm'>> {
  const checkpoint = opts.checkpoint ?? 'last';
  const aeRun = readRunManifest(opts.ae, ['ae']) as AeRunManifest;
  const aeData = aeRun.data;
  const ae: SiteRun = { runId: basename(resolve(opts.ae)), kind: 'ae', config: aeRun.config, ...readWeights(opts.ae, checkpoint) };
  if (!opts.emulators.length) throw new Error('site: at least one DM or NS run is needed (--dm / --ns)');
  const emulators: SiteRun[] = [];
  for (const dir of opts.emulators) {
    const run = readRunManifest(dir, ['dm', 'ns']) as EmulatorRunManifest;
    const { config, file: path, stage: kind, model } = run;
    if (run.data.source === 'well')
      throw new Error(`${path}: a pixel-space run; the page runs latent emulators (an AE decodes their states)`);
    const trainedOn = cacheAutoencoder(run);
    if (trainedOn && !samePath(trainedOn, opts.ae))
      throw new Error(`${path}: trained on the latents of ${trainedOn}, not of --ae ${opts.ae}`);
    const latChannels = aeRun.aeConfig.latChannels;
    if (model.channels !== latChannels)
      throw new Error(`${path}: model.channels is ${model.channels} but the AE's latChannels is ${latChannels}`);
    emulators.push({ runId: basename(resolve(dir)), kind, config, ...readWeights(dir, checkpoint) });
  }

  const loc = resolveWellSplit(
    opts.data,
    existsSync(join(opts.data, 'data', 'test')) || existsSync(join(opts.data, 'test')) ? 'test' : undefined,
  );
  const files = findWellFiles(loc.splitDir);
  if (!files.length) throw new Error(`${loc.splitDir}: no HDF5 files`);
  const want = opts.trajectories ?? 2;
  const strides = [...new Set(emulators.map((e) => (e.config.data as { stride?: unknown } | undefined)?.stride ?? 4))];
  if (opts.stride === undefined && strides.length > 1)
    throw new Error(`site: the emulators were trained at different time strides (${strides.join(', ')}); pass --stride`);
  const stride = opts.stride ?? (strides[0] as number);
  if (!Number.isInteger(stride) || stride < 1)
    throw new Error(`site: time stride must be a positive integer, got ${JSON.stringify(stride)}`);
  const trajectories: SiteTrajectory[] = [];
  let shape: number[] = [];
  let dataset = '';
  for (const file of files) {
    if (trajectories.length >= want) break;
    const w = await openWellFile(file);
    try {
      const schema = w.schema;
      dataset = schema.datasetName;
      const fit = Math.floor((schema.nSteps - 1) / stride) + 1;
      const frames = Math.min(opts.frames ?? Math.min(fit, 33), fit);
      if (opts.frames && opts.frames > fit)
        throw new Error(`${file}: ${fit} frames at stride ${stride}; --frames ${opts.frames} asked for more`);
      if (frames < 2) throw new Error(`${file}: fewer than 2 frames at stride ${stride}`);
      for (let traj = 0; traj < schema.nTrajectories && trajectories.length < want; traj++) {
        const truth = w.readFields(traj, { start: 0, stride, count: frames });
        if (truth.channels.join(',') !== aeData.channels.join(',')) {
          throw new Error(
            `${file}: channels [${truth.channels.join(', ')}] do not match the AE's data.channels [${aeData.channels.join(', ')}] (${aeRun.file})`,
          );
        }
        if (shape.length && truth.shape.join(',') !== shape.join(','))
          throw new Error(`${file}: trajectory ${traj} has shape [${truth.shape}], the first one [${shape}]`);
        shape = truth.shape;
        const scalars = w.readScalars(traj);
        const label = buildLabel(Object.entries(scalars.constant), schema.boundaryCodes, {
          logScalars: datasetLogsScalars(schema.datasetName),
        });
        const bytes = new Uint8Array(truth.data.buffer, truth.data.byteOffset, truth.data.byteLength);
        trajectories.push({
          file: basename(file),
          traj,
          start: 0,
          stride,
          label: Array.from(label),
          frames: Buffer.from(bytes).toString('base64'),
        });
      }
    } finally {
      w.close();
    }
  }
  if (!trajectories.length) throw new Error(`${loc.splitDir}: no trajectories`);
  for (const e of emulators) {
    const features = (e.config.model as { labelFeatures?: number }).labelFeatures ?? 0;
    if (features > 0 && trajectories[0]!.label.length !== features)
      throw new Error(`${e.runId}: the model takes labels of ${features} features, the data give ${trajectories[0]!.label.length}`);
  }
  return {
    version: 1,
    built: { date: new Date().toISOString(), commit: null },
    dataset,
    channels: aeData.channels,
    shape,
    ae,
    emulators,
    trajectories,
  };
}
