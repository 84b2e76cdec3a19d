/**
 * The reference methods scored beside every rollout, built from the truth frames alone (one
 * member, same layout as a rollout's ensemble [1, T, ...space, C]):
 * - `persistence`: every frame after the context repeats the last context frame;
 * - `mean`: every frame is its own spatial mean per channel. With LoLa's VRMSE (the unbiased
 *   spatial variance plus ε = 1e-6 in the denominator, the biased one in the MSE) it scores
 *   √((N−1)/N · σ²/(σ² + ε)) for N grid points: 0.99988 on 64², i.e. 1 up to the grid size.
 */
import type { NdArray } from '@lola-ts/metrics';
import type { BaselineName } from '@lola-ts/experiment';
import type { RolloutManifest } from '../rollouts/manifest.js';

/** `truth` [T, ...space, C] → [1, T, ...space, C] with frames ≥ context equal to frame context−1. */
export function persistenceEnsemble(truth: NdArray, context: number): NdArray {
  const T = truth.shape[0]!;
  if (context < 1 || context > T) throw new Error(`persistence: context ${context} outside [1, ${T}]`);
  const frame = truth.data.length / T;
  const data = new Float32Array(truth.data.length);
  data.set(truth.data.subarray(0, context * frame));
  const last = truth.data.subarray((context - 1) * frame, context * frame);
  for (let f = context; f < T; f++) data.set(last, f * frame);
  return { data, shape: [1, ...truth.shape] };
}

/** `truth` [T, ...space, C] → [1, T, ...space, C] holding each frame's spatial mean per channel. */
export function spatialMeanEnsemble(truth: NdArray): NdArray {
  const T = truth.shape[0]!;
  const C = truth.shape.at(-1)!;
  const points = truth.data.length / (T * C);
  const data = new Float32Array(truth.data.length);
  const sums = new Float64Array(C);
  for (let f = 0; f < T; f++) {
    sums.fill(0);
    const o = f * points * C;
    for (let p = 0; p < points; p++) for (let c = 0; c < C; c++) sums[c]! += truth.data[o + p * C + c]!;
    for (let p = 0; p < points; p++) for (let c = 0; c < C; c++) data[o + p * C + c] = sums[c]! / points;
  }
  return { data, shape: [1, ...truth.shape] };
}

export function baselineEnsemble(name: BaselineName, truth: NdArray, context: number): NdArray {
  return name === 'persistence' ? persistenceEnsemble(truth, context) : spatialMeanEnsemble(truth);
}

/**
 * What the baselines depend on: the truth frames scored (dataset, split, trajectories, slices,
 * stride, frame count) and the context. Rollout sets with the same key share one baseline set.
 */
export function trajectorySetKey(m: RolloutManifest, datasetDir: string): string {
  return JSON.stringify([datasetDir, m.split, m.context, m.stride, m.frames, m.sources.map((s) => [s.file, s.traj, s.sliceStart])]);
}
