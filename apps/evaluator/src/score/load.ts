/**
 * Pairs predicted trajectories with their ground truth: for each source trajectory of a rollout
 * directory, the truth frames at the same simulator times and the S predicted members, checked for
 * matching channels, grid, coordinates and frame count (clear errors otherwise).
 */
import { openWellFile, type WellFile } from '@lola-ts/well-data';
import path from 'node:path';
import { readManifest, type RolloutManifest, type RolloutSource } from '../rollouts/manifest.js';
import { countNonFinite, firstNonFinite, total } from './finite.js';

export interface ScoredPair {
  source: RolloutSource;
  /** Truth frames [T, ...space, C] (physical units). */
  truth: { data: Float32Array; shape: number[] };
  /** Members [S, T, ...space, C]. */
  ensemble: { data: Float32Array; shape: number[] };
  channels: string[];
  /** Simulator time index of each frame. */
  timeIndex: number[];
}

export interface RolloutSet {
  dir: string;
  manifest: RolloutManifest;
  /** Dataset directory the truth is read from. */
  datasetDir: string;
}

export function openRolloutSet(dir: string, truthOverride?: string): RolloutSet {
  const manifest = readManifest(dir);
  return { dir, manifest, datasetDir: truthOverride ?? manifest.datasetDir };
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function checkGrid(truth: WellFile, pred: WellFile, where: string): void {
  const ts = truth.schema,
    ps = pred.schema;
  if (ts.spatialDims.join(',') !== ps.spatialDims.join(','))
    throw new Error(`${where}: spatial dims [${ps.spatialDims}] do not match the truth's [${ts.spatialDims}]`);
  if (!sameShape(ts.resolution, ps.resolution))
    throw new Error(`${where}: grid ${ps.resolution.join('×')} does not match the truth's ${ts.resolution.join('×')}`);
  const tc = truth.readCoordinates(),
    pc = pred.readCoordinates();
  tc.forEach((axis, d) => {
    for (let i = 0; i < axis.length; i++) {
      if (Math.abs(axis[i]! - pc[d]![i]!) > 1e-5 * Math.max(1, Math.abs(axis[i]!)))
        throw new Error(`${where}: coordinate ${ts.spatialDims[d]}[${i}] = ${pc[d]![i]} differs from the truth's ${axis[i]}`);
    }
  });
}

export interface LoadOptions {
  /** Keep going on NaN/Inf in the truth or the predictions (default: an error naming where). */
  allowNonFinite?: boolean;
}

const ALLOW_HINT =
  're-run with --allow-non-finite to score it anyway (its records then count the non-finite values and their measures are NaN)';

/** Throws, naming the file, trajectory, field and frame, when `data` [T, ...space, C] holds NaN/Inf. */
function refuseNonFinite(data: Float32Array, frames: number, channels: string[], where: string, timeIndex: (f: number) => number): void {
  const at = firstNonFinite(data, frames, channels.length);
  if (!at) return;
  const n = total(countNonFinite(data, frames, channels.length));
  throw new Error(
    `${where}, field '${channels[at.channel]}', frame ${at.frame} (time index ${timeIndex(at.frame)}) is ${at.value}` +
      ` (${n} non-finite value${n === 1 ? '' : 's'} in this trajectory); ${ALLOW_HINT}`,
  );
}

/** Loads every (truth, ensemble) pair of a rollout set, one source trajectory at a time. */
export async function* loadPairs(set: RolloutSet, opts: LoadOptions = {}): AsyncGenerator<ScoredPair> {
  const m = set.manifest;
  const S = m.ensembleSize;
  const predFiles = new Map<string, WellFile>();
  try {
    for (let i = 0; i < m.sources.length; i++) {
      const src = m.sources[i]!;
      const truthPath = path.join(set.datasetDir, 'data', m.split, src.file);
      const truthFile = await openWellFile(truthPath);
      try {
        const wanted = { start: src.sliceStart, stride: m.stride, count: m.frames };
        const last = src.sliceStart + (m.frames - 1) * m.stride;
        if (last >= truthFile.schema.nSteps)
          throw new Error(
            `${truthPath}: trajectory ${src.traj} has ${truthFile.schema.nSteps} steps but the rollout in ${set.dir} needs time index ${last} (${m.frames} frames from ${src.sliceStart} at stride ${m.stride})`,
          );
        const truth = truthFile.readFields(src.traj, wanted);
        const timeIndex = (f: number) => src.sliceStart + f * m.stride;
        if (!opts.allowNonFinite)
          refuseNonFinite(truth.data, m.frames, truth.channels, `${truthPath}: truth trajectory ${src.traj}`, timeIndex);
        const predRel = m.files[i]!;
        const predPath = path.join(set.dir, predRel);
        let pred = predFiles.get(predRel);
        if (!pred) predFiles.set(predRel, (pred = await openWellFile(predPath)));
        checkGrid(truthFile, pred, predPath);
        const pos = m.sources.slice(0, i).filter((_, j) => m.files[j] === predRel).length;
        if ((pos + 1) * S > pred.schema.nTrajectories)
          throw new Error(
            `${predPath}: holds ${pred.schema.nTrajectories} trajectories, expected at least ${(pos + 1) * S} (${S} members per source)`,
          );
        if (pred.schema.nSteps < m.frames)
          throw new Error(`${predPath}: has ${pred.schema.nSteps} frames per trajectory, expected ${m.frames}`);
        const members: Float32Array[] = [];
        for (let s = 0; s < S; s++) {
          const p = pred.readFields(pos * S + s, { start: 0, count: m.frames });
          if (p.channels.join(',') !== truth.channels.join(','))
            throw new Error(`${predPath}: channels [${p.channels}] do not match the truth's [${truth.channels}] in ${truthPath}`);
          if (!sameShape(p.shape, truth.shape))
            throw new Error(`${predPath}: trajectory ${pos * S + s} has shape [${p.shape}], expected the truth's [${truth.shape}]`);
          if (!opts.allowNonFinite)
            refuseNonFinite(
              p.data,
              m.frames,
              p.channels,
              `${predPath}: trajectory ${pos * S + s} (member ${s} of ${src.file} trajectory ${src.traj})`,
              timeIndex,
            );
          members.push(p.data);
        }
        const data = new Float32Array(S * truth.data.length);
        members.forEach((mem, s) => data.set(mem, s * truth.data.length));
        yield {
          source: src,
          truth: { data: truth.data, shape: truth.shape },
          ensemble: { data, shape: [S, ...truth.shape] },
          channels: truth.channels,
          timeIndex: Array.from({ length: m.frames }, (_, f) => timeIndex(f)),
        };
      } finally {
        truthFile.close();
      }
    }
  } finally {
    for (const f of predFiles.values()) f.close();
  }
}
