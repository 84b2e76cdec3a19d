/**
 * Scores rollouts against ground truth in physical units (method.md §13): per field, frame and
 * lead time (lead = (frame − context + 1)·stride, only > 0 kept), VRMSE/NRMSE/RMSE of the ensemble
 * mean, spread, skill, spread/skill and the power-spectrum band errors; averaged over trajectories
 * and lead times within each bin. With an AE reconstruction, the same against it ("relative").
 */
import { lolaPointwiseMetrics, lolaSpectrumBandErrors, lolaSpectrumErrors, type NdArray } from '@lola-ts/metrics';
import type { CurvePoint, EvaluationRecord, Measure, MeasureName, SpectrumRecord } from '../results/types.js';
import { binOf, defaultLeadTimeBins } from './bins.js';
import { loadPairs, type RolloutSet, type ScoredPair } from './load.js';

export interface ScoreOptions {
  bins?: [number, number][];
  commit: string | null;
  versions: Record<string, string>;
  /** AE reconstruction of the same truth frames (enables the relative setting). */
  reconstruction?: RolloutSet;
  onProgress?: (done: number, total: number) => void;
}

export interface ScoreOutput {
  records: EvaluationRecord[];
  curves: CurvePoint[];
  spectra: SpectrumRecord[];
}

const MEASURES: { name: MeasureName; unit: string; better: Measure['better'] }[] = [
  { name: 'vrmse', unit: '', better: 'lower' },
  { name: 'nrmse', unit: '', better: 'lower' },
  { name: 'rmse', unit: 'physical', better: 'lower' },
  { name: 'spread', unit: 'physical', better: 'closer-to-1' },
  { name: 'skill', unit: 'physical', better: 'lower' },
  { name: 'spreadSkill', unit: '', better: 'closer-to-1' },
  { name: 'psdErrorLow', unit: '', better: 'lower' },
  { name: 'psdErrorMid', unit: '', better: 'lower' },
  { name: 'psdErrorHigh', unit: '', better: 'lower' },
];

class Mean {
  sum = 0;
  n = 0;
  add(x: number) {
    if (Number.isFinite(x)) {
      this.sum += x;
      this.n++;
    }
  }
  get value() {
    return this.n ? this.sum / this.n : Number.NaN;
  }
}

type Setting = 'absolute' | 'relative';

/** Reconstruction frames keyed by file|traj|timeIndex, each [...space, C]. */
async function indexReconstruction(set: RolloutSet): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for await (const p of loadPairs(set)) {
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
    if (!r) throw new Error(`${where}: the AE reconstruction has no frame for ${pair.source.file} trajectory ${pair.source.traj} at time index ${t}`);
    data.set(r, f * frame);
  });
  return { data, shape: pair.truth.shape };
}

export async function scoreRollouts(sets: RolloutSet[], opts: ScoreOptions): Promise<ScoreOutput> {
  const recon = opts.reconstruction ? await indexReconstruction(opts.reconstruction) : undefined;
  const out: ScoreOutput = { records: [], curves: [], spectra: [] };
  const date = new Date().toISOString();
  const total = sets.reduce((n, s) => n + s.manifest.sources.length, 0);
  let done = 0;
  for (const set of sets) {
    const m = set.manifest;
    const maxLead = (m.frames - m.context) * m.stride;
    const bins = opts.bins ?? defaultLeadTimeBins(maxLead, m.stride);
    const settings: Setting[] = recon && m.method !== 'ae' ? ['absolute', 'relative'] : ['absolute'];
    // acc[setting][field][bin][measure]
    const acc = new Map<string, Mean>();
    const curve = new Map<string, Mean>();
    const spec = new Map<string, { k: number[]; truth: Float64Array; pred: Float64Array; n: number }>();
    let channels: string[] = [];
    let nTraj = 0;
    for await (const pair of loadPairs(set)) {
      channels = pair.channels;
      nTraj++;
      const C = channels.length;
      for (const setting of settings) {
        const truth = setting === 'absolute' ? pair.truth : against(pair, recon!, set.dir);
        const inputs = { truth, ensemble: pair.ensemble };
        const pm = lolaPointwiseMetrics(inputs);
        const bands = lolaSpectrumBandErrors(inputs);
        const spectra = setting === 'absolute' ? lolaSpectrumErrors(inputs) : undefined;
        for (let f = 0; f < m.frames; f++) {
          const lead = (f - m.context + 1) * m.stride;
          if (lead <= 0) continue;
          const b = binOf(lead, bins);
          for (let c = 0; c < C; c++) {
            const i = f * C + c;
            const vals: Record<MeasureName, number> = {
              vrmse: pm.vrmse.data[i]!, nrmse: pm.nrmse.data[i]!, rmse: pm.rmse.data[i]!, spread: pm.spread.data[i]!, skill: pm.skill.data[i]!,
              spreadSkill: pm.spreadSkill.data[i]!, psdErrorLow: bands.power.low.data[i]!, psdErrorMid: bands.power.mid.data[i]!, psdErrorHigh: bands.power.high.data[i]!,
            };
            const field = channels[c]!;
            if (b >= 0) for (const { name } of MEASURES) getMean(acc, `${setting}|${field}|${b}|${name}`).add(vals[name]);
            for (const name of ['vrmse', 'spread', 'skill', 'spreadSkill'] as const) getMean(curve, `${setting}|${field}|${lead}|${name}`).add(vals[name]);
            if (spectra && b >= 0) {
              const B = spectra.k.length;
              const key = `${field}|${b}`;
              let s = spec.get(key);
              if (!s) spec.set(key, (s = { k: [...spectra.k], truth: new Float64Array(B), pred: new Float64Array(B), n: 0 }));
              for (let k = 0; k < B; k++) {
                s.truth[k]! += spectra.truthPower.data[i * B + k]!;
                s.pred[k]! += spectra.predictionPower.data[i * B + k]!;
              }
              s.n++;
            }
          }
        }
      }
      opts.onProgress?.(++done, total);
    }
    for (const setting of settings) {
      for (const field of channels) {
        bins.forEach((bin, b) => {
          const measures: Partial<Record<MeasureName, Measure>> = {};
          for (const { name, unit, better } of MEASURES) {
            const v = acc.get(`${setting}|${field}|${b}|${name}`)?.value;
            if (v !== undefined && Number.isFinite(v)) measures[name] = { value: v, unit, better };
          }
          if (!measures.vrmse) return;
          out.records.push({
            suite: 'evaluation', kind: 'accuracy', name: `${m.method}/${m.compressionRate}/${field}/${bin[0]}-${bin[1]}/ctx${m.context}/${setting}`,
            commit: opts.commit, date, versions: opts.versions, dataset: m.dataset, split: m.split, method: m.method, compressionRate: m.compressionRate,
            field, context: m.context, leadTimeBin: bin, start: m.start, stride: m.stride, ensembleSize: m.ensembleSize, samplerSteps: m.samplerSteps,
            setting, nTrajectories: nTraj, measures,
          });
        });
        for (let lead = m.stride; lead <= maxLead; lead += m.stride) {
          const g = (name: string) => curve.get(`${setting}|${field}|${lead}|${name}`)?.value ?? Number.NaN;
          out.curves.push({ dataset: m.dataset, method: m.method, compressionRate: m.compressionRate, field, context: m.context, setting, leadTime: lead, vrmse: g('vrmse'), spread: g('spread'), skill: g('skill'), spreadSkill: g('spreadSkill') });
        }
      }
    }
    for (const [key, s] of spec) {
      const [field, b] = key.split('|') as [string, string];
      out.spectra.push({ dataset: m.dataset, method: m.method, compressionRate: m.compressionRate, field, leadTimeBin: bins[Number(b)]!, k: s.k, truth: [...s.truth].map((x) => x / s.n), prediction: [...s.pred].map((x) => x / s.n) });
    }
  }
  return out;
}

function getMean(map: Map<string, Mean>, key: string): Mean {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Mean()));
  return m;
}
