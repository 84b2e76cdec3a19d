/**
 * `lola-eval rollout` (docs/method.md §10, §13.1): for each selected test trajectory, slice it from
 * max(0, start − (context−1)·stride) at the dataset's stride, let the method predict every frame
 * from the first `context` ones, and write the members in The Well's format with a manifest.
 * Resumable: a finished prediction file is not redone; timing is recorded per state. An abort
 * signal stops between trajectories (finished files stay; re-running resumes).
 */
import { buildLabel, datasetLogsScalars } from '@lola-ts/emulation';
import { findWellFiles, openWellFile, resolveWellSplit, type WellSplit } from '@lola-ts/well-data';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '@lola-ts/experiment';
import { MANIFEST_NAME, type RolloutManifest, type RolloutSource } from './manifest.js';
import type { RolloutMethod } from './methods.js';
import { createPredictionFile, splitChannels } from './prediction-file.js';
import { selectTrajectories } from './select.js';

export interface RolloutOptions {
  dataset: string;
  split: WellSplit;
  out: string;
  context: number;
  stride: number;
  start: number;
  /** Frames to produce (default: as many as the trajectory holds from the slice start). */
  frames?: number;
  trajectories: number;
  seed: number;
  model: string;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Checked before each trajectory; when aborted the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export async function runRollouts(method: RolloutMethod, opts: RolloutOptions): Promise<RolloutManifest> {
  const loc = resolveWellSplit(opts.dataset, opts.split);
  const files = findWellFiles(loc.splitDir);
  if (!files.length) throw new Error(`${loc.splitDir}: no HDF5 files in split '${opts.split}'`);
  const counts: { file: string; nTrajectories: number }[] = [];
  for (const f of files) {
    const w = await openWellFile(f);
    counts.push({ file: path.basename(f), nTrajectories: w.schema.nTrajectories });
    w.close();
  }
  const picks = selectTrajectories(counts, opts.trajectories, 0);
  const sliceStart = Math.max(0, opts.start - (opts.context - 1) * opts.stride);
  const sources: RolloutSource[] = [];
  const predFiles: string[] = [];
  let encodeSeconds = 0,
    rolloutSeconds = 0,
    decodeSeconds = 0,
    states = 0;
  let frames = opts.frames ?? 0;
  let datasetName = '';
  for (const [i, pick] of picks.entries()) {
    // A macrotask turn per trajectory lets SIGINT/SIGTERM handlers run (promise chains alone do not).
    await new Promise<void>((resolve) => setImmediate(resolve));
    opts.signal?.throwIfAborted();
    const truthFile = await openWellFile(path.join(loc.splitDir, pick.file));
    try {
      const schema = truthFile.schema;
      datasetName = schema.datasetName;
      const available = Math.floor((schema.nSteps - 1 - sliceStart) / opts.stride) + 1;
      if (!opts.frames) frames = frames ? Math.min(frames, available) : available;
      if (frames > available)
        throw new Error(
          `${pick.file}: trajectory ${pick.traj} has ${available} frames from time index ${sliceStart} at stride ${opts.stride}; ${frames} were asked for`,
        );
      if (frames <= opts.context)
        throw new Error(
          `${pick.file}: only ${frames} frames from time index ${sliceStart}: nothing to predict after ${opts.context} context frame(s)`,
        );
      const rel = path.join(
        'data',
        opts.split,
        `${String(i).padStart(4, '0')}-${pick.file.replace(/\.(h5|hdf5)$/, '')}-traj${pick.traj}.hdf5`,
      );
      sources.push({ file: pick.file, traj: pick.traj, sliceStart });
      predFiles.push(rel);
      const outPath = path.join(opts.out, rel);
      const timingPath = `${outPath}.timing.json`;
      if (existsSync(outPath) && existsSync(timingPath)) {
        const t = JSON.parse(readFileSync(timingPath, 'utf8')) as { encode: number; rollout: number; decode: number; states: number };
        encodeSeconds += t.encode;
        rolloutSeconds += t.rollout;
        decodeSeconds += t.decode;
        states += t.states;
        opts.onProgress?.(i + 1, picks.length, `${pick.file}#${pick.traj} (done before)`);
        continue;
      }
      const truth = truthFile.readFields(pick.traj, { start: sliceStart, stride: opts.stride, count: frames });
      if (truth.channels.join(',') !== method.channels.join(',')) {
        throw new Error(`${pick.file}: channels [${truth.channels}] do not match the model's [${method.channels}] (${opts.model})`);
      }
      const scalars = truthFile.readScalars(pick.traj);
      const label = buildLabel(Object.entries(scalars.constant), schema.boundaryCodes, {
        logScalars: datasetLogsScalars(schema.datasetName),
      });
      const res = await method.predict({
        truth: truth.data,
        shape: truth.shape,
        context: opts.context,
        label,
        seed: opts.seed * 100_003 + pick.index,
      });
      const S = method.ensembleSize;
      const time = truthFile.readTime(pick.traj);
      const w = await createPredictionFile(
        outPath,
        truthFile,
        Array.from({ length: frames }, (_, f) => time[sliceStart + f * opts.stride]!),
      );
      const per = truth.data.length;
      for (let s = 0; s < S; s++) await w.appendTrajectory(splitChannels(truthFile, res.ensemble.subarray(s * per, (s + 1) * per), frames));
      await w.close();
      writeFileAtomic(
        timingPath,
        JSON.stringify({ encode: res.encodeSeconds, rollout: res.rolloutSeconds, decode: res.decodeSeconds, states: S * frames }),
      );
      encodeSeconds += res.encodeSeconds;
      rolloutSeconds += res.rolloutSeconds;
      decodeSeconds += res.decodeSeconds;
      states += S * frames;
      opts.onProgress?.(i + 1, picks.length, `${pick.file}#${pick.traj}`);
    } finally {
      truthFile.close();
    }
  }
  const manifest: RolloutManifest = {
    method: method.method,
    compressionRate: method.compressionRate,
    dataset: datasetName,
    datasetDir: path.resolve(loc.datasetRoot),
    split: opts.split,
    context: opts.context,
    stride: opts.stride,
    start: opts.start,
    frames,
    ensembleSize: method.ensembleSize,
    samplerSteps: method.samplerSteps,
    model: path.resolve(opts.model),
    seed: opts.seed,
    sources,
    files: predFiles,
    timing: {
      encodeSeconds,
      rolloutSeconds,
      decodeSeconds,
      secondsPerState: states ? (rolloutSeconds + decodeSeconds) / states : Number.NaN,
    },
  };
  writeFileAtomic(path.join(opts.out, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
