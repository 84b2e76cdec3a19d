import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WellFormatError } from '../errors.js';
import { findWellFiles, openWellFiles } from '../dataset/directory.js';
import { assertFiniteBlock } from '../dataset/finite.js';
import type { WellFile } from '../io/well-file.js';
import type { FieldSchema } from '../schema/types.js';
import type { FieldStat, WellStats } from '../transforms/normalization.js';
import { formatStatsYaml } from './yaml.js';

/** Population moments of one component set: count of points, per-component mean and M2. */
class Moments {
  n = 0;
  mean: Float64Array;
  m2: Float64Array;
  constructor(readonly K: number) {
    this.mean = new Float64Array(K);
    this.m2 = new Float64Array(K);
  }
  /** Merges a block `[points, K]` (Chan et al. parallel update; two-pass within the block). */
  add(x: ArrayLike<number>): void {
    const K = this.K;
    const nb = x.length / K;
    if (nb === 0) return;
    const mb = new Float64Array(K);
    for (let i = 0; i < x.length; i++) mb[i % K]! += x[i]!;
    for (let k = 0; k < K; k++) mb[k]! /= nb;
    const m2b = new Float64Array(K);
    for (let i = 0; i < x.length; i++) {
      const d = x[i]! - mb[i % K]!;
      m2b[i % K]! += d * d;
    }
    const n = this.n + nb;
    for (let k = 0; k < K; k++) {
      const delta = mb[k]! - this.mean[k]!;
      this.mean[k]! += (delta * nb) / n;
      this.m2[k]! += m2b[k]! + (delta * delta * this.n * nb) / n;
    }
    this.n = n;
  }
}

/** Options of `computeWellStats`. */
export interface StatsOptions {
  /** Called after each file. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Skip The Well's `std > 1e-4` assertion. */
  allowLowStd?: boolean;
}

/**
 * `stats.yaml` statistics exactly as The Well's `compute_statistics.py` (docs/well-format.md §4.2), over
 * the train files: per file and core field, population mean and variance over every axis but the
 * trailing tensor axes (streamed one trajectory at a time, in float64); files combined as a mixture
 * weighted by element count (mean = Σwᵢmᵢ, second moment = Σwᵢ(vᵢ + mᵢ²), std = √(second − mean²),
 * rms = √second). `*_delta` uses differences of consecutive steps for time-varying fields (along
 * the time axis; The Well takes axis 1, which is the time axis of every sample-varying field).
 */
export async function computeWellStats(trainFiles: readonly string[], options: StatsOptions = {}): Promise<WellStats> {
  const plain = new Map<string, { order: number; D: number; perFile: Moments[] }>();
  const delta = new Map<string, Moments[]>();
  const files = await openWellFiles(trainFiles); // checks dataset_name, resolution and layout agree
  try {
    files.forEach((file, fi) => {
      for (const f of file.schema.fields) {
        const [m, d] = fieldMoments(file, f);
        const entry = plain.get(f.name) ?? { order: f.order, D: file.schema.nSpatialDims, perFile: [] };
        entry.perFile.push(m);
        plain.set(f.name, entry);
        if (d) delta.set(f.name, [...(delta.get(f.name) ?? []), d]);
      }
      options.onProgress?.(fi + 1, files.length, file.path);
    });
  } finally {
    for (const f of files) f.close();
  }
  const stats: Required<WellStats> = { mean: {}, std: {}, rms: {}, mean_delta: {}, std_delta: {}, rms_delta: {} };
  for (const [name, { order, D, perFile }] of plain) {
    const c = combine(perFile);
    checkStd(name, c.std, '', trainFiles, options);
    stats.mean[name] = shapeStat(c.mean, order, D);
    stats.std[name] = shapeStat(c.std, order, D);
    stats.rms[name] = shapeStat(c.rms, order, D);
    const dm = delta.get(name);
    if (dm) {
      const cd = combine(dm);
      checkStd(name, cd.std, 'delta ', trainFiles, options);
      stats.mean_delta[name] = shapeStat(cd.mean, order, D);
      stats.std_delta[name] = shapeStat(cd.std, order, D);
      stats.rms_delta[name] = shapeStat(cd.rms, order, D);
    }
  }
  return stats;
}

function fieldMoments(file: WellFile, f: FieldSchema): [Moments, Moments | null] {
  const K = file.schema.nSpatialDims ** f.order;
  const m = new Moments(K);
  const d = f.timeVarying ? new Moments(K) : null;
  const trajs = f.sampleVarying ? file.schema.nTrajectories : 1;
  for (let t = 0; t < trajs; t++) {
    const x = file.readStored(f.path, t);
    // a NaN would otherwise surface as "standard deviation [NaN]" with no position
    const frames = f.timeVarying ? Array.from({ length: file.schema.nSteps }, (_, k) => k) : null;
    assertFiniteBlock(x, { file: file.path, trajectory: t, channels: f.channels, frames, context: 'computing stats.yaml' });
    m.add(x);
    if (d) {
      const T = file.schema.nSteps;
      const frame = x.length / T;
      const diff = new Float64Array(x.length - frame);
      for (let i = 0; i < diff.length; i++) diff[i] = x[i + frame]! - x[i]!;
      d.add(diff);
    }
  }
  return [m, d];
}

function combine(perFile: Moments[]): { mean: number[]; std: number[]; rms: number[] } {
  const K = perFile[0]!.K;
  const total = perFile.reduce((a, m) => a + m.n, 0);
  const mean = Array<number>(K).fill(0);
  const second = Array<number>(K).fill(0);
  for (const m of perFile) {
    const w = m.n / total;
    for (let k = 0; k < K; k++) {
      const v = m.m2[k]! / m.n;
      mean[k]! += m.mean[k]! * w;
      second[k]! += (v + m.mean[k]! ** 2) * w;
    }
  }
  return { mean, std: second.map((s, k) => Math.sqrt(s - mean[k]! ** 2)), rms: second.map(Math.sqrt) };
}

function shapeStat(v: number[], order: number, D: number): FieldStat {
  if (order === 0) return v[0]!;
  if (order === 1) return v;
  return Array.from({ length: D }, (_, i) => v.slice(i * D, (i + 1) * D));
}

function checkStd(name: string, std: number[], kind: string, files: readonly string[], o: StatsOptions): void {
  if (o.allowLowStd || std.every((s) => s > 1e-4)) return;
  throw new WellFormatError(
    files[0] ?? 'train split',
    `field '${name}'`,
    `a ${kind}standard deviation above 1e-4 (The Well's check)`,
    `[${std.join(', ')}]`,
  );
}

/** Writes `<datasetRoot>/stats.yaml` atomically (temp file + rename). */
export function writeStatsYaml(datasetRoot: string, stats: WellStats): string {
  const path = join(datasetRoot, 'stats.yaml');
  writeFileSync(path + '.partial', formatStatsYaml(stats));
  renameSync(path + '.partial', path);
  return path;
}

/** Computes the statistics of `<datasetRoot>/data/train` and writes `<datasetRoot>/stats.yaml`. */
export async function computeDatasetStats(datasetRoot: string, options: StatsOptions = {}): Promise<{ path: string; stats: WellStats }> {
  const stats = await computeWellStats(findWellFiles(join(datasetRoot, 'data', 'train')), options);
  return { path: writeStatsYaml(datasetRoot, stats), stats };
}
