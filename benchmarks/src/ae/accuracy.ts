/**
 * Reconstruction accuracy of a trained AE run on a Well split (docs/method.md §13.2, the "AE" row of the
 * paper's tables): every frame of every trajectory is preprocessed, encoded, decoded and brought
 * back to physical units (inverse standardisation, then inverse transform, §1); LoLa's VRMSE
 * (ε = 1e-6, unbiased spatial variance of the true frame) is computed per field and frame and
 * averaged over trajectories and frames. Also reports the time per training step and per epoch
 * measured in the run's own log.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decode, encode, postprocessStates, preprocessStates, runCompressionRate } from '@lola-ts/autoencoders';
import type { AutoencoderRun } from '@lola-ts/experiment';
import { lolaVrmse } from '@lola-ts/metrics';
import { readLog } from '@lola-ts/nn-blocks';
import { findWellFiles, openWellFiles, resolveWellSplit, variableChannelNames, type WellSplit } from '@lola-ts/well-data';

export interface AeAccuracy {
  runId: string;
  compressionRate: number;
  split: WellSplit;
  trajectories: number;
  frames: number;
  /** Mean VRMSE per field (over trajectories and frames), physical units. */
  perField: Record<string, number>;
  /** Mean over fields and frames. */
  vrmse: number;
  /** Same in standardised units (what the loss sees), for reference. */
  vrmseStandardised: number;
  /**
   * Median over frames of the field-mean VRMSE: robust to frames where a field is (nearly) constant,
   * whose VRMSE is RMSE / 1e-3 (e.g. a zero x-momentum initial state).
   */
  vrmseMedianFrame: number;
}

/** Reconstructs `[T, ...res, C]` standardised frames, `batch` frames per call. */
function reconstructFrames(run: AutoencoderRun, x: Float32Array, T: number, batch: number): Float32Array {
  const shape = [...run.data.resolution, run.data.channels.length];
  const frame = x.length / T;
  const out = new Float32Array(x.length);
  for (let t = 0; t < T; t += batch) {
    const b = Math.min(batch, T - t);
    const y = tf.tidy(() => decode(run.ae, encode(run.ae, tf.tensor(x.subarray(t * frame, (t + b) * frame), [b, ...shape]))));
    out.set(y.dataSync(), t * frame);
    y.dispose();
  }
  return out;
}

function meanOf(a: Float64Array): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}

/** VRMSE of `run`'s reconstructions on `split` of the dataset at `data` (at most `maxTrajectories`). */
export async function aeAccuracy(
  run: AutoencoderRun,
  data: string,
  split: WellSplit = 'test',
  opts: { batch?: number; maxTrajectories?: number } = {},
): Promise<AeAccuracy> {
  const files = await openWellFiles(findWellFiles(resolveWellSplit(data, split).splitDir));
  const channels = run.data.channels;
  const C = channels.length;
  const sumField = new Float64Array(C);
  let sumStd = 0;
  let frames = 0;
  const frameMeans: number[] = [];
  let trajectories = 0;
  try {
    for (const f of files) {
      const chans = variableChannelNames(f.schema);
      if (chans.join() !== channels.join())
        throw new Error(`${f.path}: fields [${chans.join(', ')}] do not match the autoencoder's [${channels.join(', ')}]`);
      for (let traj = 0; traj < f.schema.nTrajectories; traj++) {
        if (opts.maxTrajectories !== undefined && trajectories >= opts.maxTrajectories) break;
        const u = f.readFields(traj);
        const T = u.shape[0]!;
        const x = preprocessStates(run.data, u.data);
        const y = reconstructFrames(run, x, T, opts.batch ?? 16);
        const phys = postprocessStates(run.data, y);
        const v = lolaVrmse({ truth: { data: u.data, shape: u.shape }, ensemble: { data: phys, shape: [1, ...u.shape] } }).data;
        const vs = lolaVrmse({ truth: { data: x, shape: u.shape }, ensemble: { data: y, shape: [1, ...u.shape] } }).data;
        for (let i = 0; i < v.length; i++) sumField[i % C] += v[i]!;
        for (let t = 0; t < T; t++) frameMeans.push(meanOf(v.subarray(t * C, (t + 1) * C)));
        sumStd += meanOf(vs) * T;
        frames += T;
        trajectories++;
      }
    }
  } finally {
    for (const f of files) f.close();
  }
  if (frames === 0) throw new Error(`${data}: no trajectories in the ${split} split`);
  const perField = Object.fromEntries(channels.map((c, i) => [c, sumField[i]! / frames]));
  return {
    runId: run.runId,
    compressionRate: runCompressionRate(run),
    split,
    trajectories,
    frames,
    perField,
    vrmse: Object.values(perField).reduce((a, b) => a + b, 0) / C,
    vrmseStandardised: sumStd / frames,
    vrmseMedianFrame: frameMeans.sort((a, b) => a - b)[Math.floor(frameMeans.length / 2)]!,
  };
}

/** Median seconds per step and per epoch in a run's `log.jsonl` (null without a log). */
export function loggedTimes(runDir: string, stepsPerEpoch: number): { stepMs: number; epochMs: number; steps: number } | null {
  const path = join(runDir, 'log.jsonl');
  if (!existsSync(path)) return null;
  const recs = readLog(path);
  const train = recs.filter((r) => r.kind === 'train' && typeof r.time === 'number');
  const deltas: number[] = [];
  for (let i = 1; i < train.length; i++) {
    const d = (train[i]!.time as number) - (train[i - 1]!.time as number);
    if (train[i]!.step === train[i - 1]!.step + 1 && d > 0) deltas.push(d);
  }
  if (deltas.length === 0) return null;
  deltas.sort((a, b) => a - b);
  const stepS = deltas[Math.floor(deltas.length / 2)]!;
  // epoch time: between consecutive validation records (steps, validation and checkpointing)
  const valid = recs.filter((r) => r.kind === 'valid' && typeof r.time === 'number');
  const epochs = valid.map((v, i) => (v.time as number) - (i === 0 ? 0 : (valid[i - 1]!.time as number)));
  epochs.sort((a, b) => a - b);
  return {
    stepMs: stepS * 1e3,
    epochMs: (epochs.length ? epochs[Math.floor(epochs.length / 2)]! : stepS * stepsPerEpoch) * 1e3,
    steps: train.length,
  };
}
