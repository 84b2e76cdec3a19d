/**
 * Scores rollouts against ground truth in physical units (docs/method.md §13): per field, frame and
 * lead time (lead = (frame − context + 1)·stride, only > 0 kept), VRMSE/NRMSE/RMSE of the ensemble
 * mean, spread, skill, spread/skill and the power-spectrum band errors; averaged over trajectories
 * and lead times within each bin. With an AE reconstruction, the same against it ("relative").
 * Beside the rollouts, the baselines `persistence` and `mean` (from the truth alone) are scored
 * once per distinct trajectory set, in the absolute setting.
 */
import type { NdArray } from '@lola-ts/metrics';
import path from 'node:path';
import { BASELINES } from '@lola-ts/experiment';
import { MethodScores, type ScoreOutput, type Setting } from './accumulate.js';
import { baselineEnsemble, trajectorySetKey } from './baselines.js';
import { defaultLeadTimeBins } from './bins.js';
import { loadPairs, type RolloutSet, type ScoredPair } from './load.js';

export type { ScoreOutput } from './accumulate.js';

export interface ScoreOptions {
  bins?: [number, number][];
  commit: string | null;
  versions: Record<string, string>;
  /** AE reconstruction of the same truth frames (enables the relative setting). */
  reconstruction?: RolloutSet;
  /** Score NaN/Inf values instead of failing on them (records count them; their means are NaN). */
  allowNonFinite?: boolean;
  /** Also score the persistence and spatial-mean baselines (default true). */
  baselines?: boolean;
  /** Stops between trajectories (the promise then rejects with an AbortError). */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Reconstruction frames keyed by file|traj|timeIndex, each [...space, C]. */
async function indexReconstruction(set: RolloutSet, allowNonFinite: boolean): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for await (const p of loadPairs(set, { allowNonFinite })) {
    const frame = p.truth.data.length / p.timeIndex.length;
    p.timeIndex.forEach((t, f) => out.set(`${p.source.file}|${p.source.traj}|${t}`, p.ensemble.data.slice(f * frame, (f + 1) * frame)));
  }
  return out;
}

function against(pair: ScoredPair, recon: Map<string, Float32Array>, where: string): NdArray {
  const frame = pair.truth.data.length / pair.timeIndex.length;
  const data = new Float32Array(pair.truth.data.length);
  pair.timeIndex.forEach((t, f) => {
    const r = recon.get(`${pair.source.file}|${pair.source.traj}|${t}`);
    if (!r)
      throw new Error(
        `${where}: the AE reconstruction has no frame for ${pair.source.file} trajectory ${pair.source.traj} at time index ${t}`,
      );
    data.set(r, f * frame);
  });
  return { data, shape: pair.truth.shape };
}

/** One macrotask turn, so that SIGINT/SIGTERM handlers run during a long scoring. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function scoreRollouts(sets: RolloutSet[], opts: ScoreOptions): Promise<ScoreOutput> {
  const allowNonFinite = opts.allowNonFinite ?? false;
  const recon = opts.reconstruction ? await indexReconstruction(opts.reconstruction, allowNonFinite) : undefined;
  const out: ScoreOutput = { records: [], curves: [], spectra: [] };
  const meta = { commit: opts.commit, date: new Date().toISOString(), versions: opts.versions };
  const total = sets.reduce((n, s) => n + s.manifest.sources.length, 0);
  const baselineSets = new Set<string>();
  let done = 0;
  for (const set of sets) {
    const m = set.manifest;
    const maxLead = (m.frames - m.context) * m.stride;
    const bins = opts.bins ?? defaultLeadTimeBins(maxLead, m.stride);
    const settings: Setting[] = recon && m.method !== 'ae' ? ['absolute', 'relative'] : ['absolute'];
    const common = { dataset: m.dataset, split: m.split, context: m.context, start: m.start, stride: m.stride, frames: m.frames };
    const scores = new MethodScores(
      {
        ...common,
        method: m.method,
        compressionRate: m.compressionRate,
        ensembleSize: m.ensembleSize,
        samplerSteps: m.samplerSteps,
        seed: m.seed ?? null,
      },
      bins,
      true,
    );
    const key = trajectorySetKey(m, path.resolve(set.datasetDir));
    const baselines =
      (opts.baselines ?? true) && !baselineSets.has(key)
        ? BASELINES.map((name) => ({
            name,
            scores: new MethodScores(
              { ...common, method: name, compressionRate: 1, ensembleSize: 1, samplerSteps: null, baseline: true },
              bins,
              false,
            ),
          }))
        : [];
    baselineSets.add(key);
    for await (const pair of loadPairs(set, { allowNonFinite })) {
      for (const setting of settings) {
        const truth = setting === 'absolute' ? pair.truth : against(pair, recon!, set.dir);
        scores.add(setting, { truth, ensemble: pair.ensemble }, pair.channels);
      }
      for (const b of baselines)
        b.scores.add('absolute', { truth: pair.truth, ensemble: baselineEnsemble(b.name, pair.truth, m.context) }, pair.channels);
      opts.onProgress?.(++done, total);
      await yieldTurn();
      opts.signal?.throwIfAborted();
    }
    scores.emit(out, meta);
    for (const b of baselines) b.scores.emit(out, meta);
  }
  return out;
}
