/**
 * Accumulates the per-frame metrics of one scored method (a rollout set or a baseline) over its
 * trajectories, then emits its records (mean per field × lead-time bin × setting), curves (mean per
 * lead time) and spectra (mean per bin). Means are strict: a NaN/Inf metric makes the mean NaN
 * (written `null`), and the record counts the non-finite inputs behind it (`nonFinite`).
 */
import { lolaPointwiseMetrics, lolaSpectrumBandErrors, lolaSpectrumErrors, type LolaInputs } from '@lola-ts/metrics';
import type { CurvePoint, EvaluationRecord, Measure, MeasureName, SpectrumRecord } from '@lola-ts/experiment';
import { binOf } from './bins.js';
import { countNonFinite } from './finite.js';

export type Setting = 'absolute' | 'relative';

export const MEASURES: { name: MeasureName; unit: string; better: Measure['better'] }[] = [
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

/** A strict mean: any non-finite value makes it NaN (no mean over a finite subset). */
class Mean {
  sum = 0;
  n = 0;
  add(x: number) {
    this.sum += Number.isFinite(x) ? x : Number.NaN;
    this.n++;
  }
  get value() {
    return this.n ? this.sum / this.n : Number.NaN;
  }
}

/** What a record says about the method it scores (besides field, bin and setting). */
export interface MethodIdentity {
  dataset: string;
  split: string;
  method: string;
  compressionRate: number;
  context: number;
  start: number;
  stride: number;
  frames: number;
  ensembleSize: number;
  samplerSteps: number | null;
  seed?: number | null;
  baseline?: boolean;
}

export interface ScoreOutput {
  records: EvaluationRecord[];
  curves: CurvePoint[];
  spectra: SpectrumRecord[];
}

export class MethodScores {
  private readonly acc = new Map<string, Mean>();
  private readonly curve = new Map<string, Mean>();
  private readonly nonFinite = new Map<string, number>();
  private readonly spec = new Map<string, { k: number[]; truth: Float64Array; pred: Float64Array; n: number }>();
  private readonly trajectories = new Map<Setting, number>();
  private channels: string[] = [];

  constructor(
    readonly id: MethodIdentity,
    readonly bins: [number, number][],
    /** Accumulate mean power spectra (absolute setting). */
    readonly withSpectra: boolean,
  ) {}

  /** Adds one trajectory: truth [T, ...space, C] and ensemble [S, T, ...space, C]. */
  add(setting: Setting, inputs: LolaInputs, channels: string[]): void {
    const { id, bins } = this;
    this.channels = channels;
    this.trajectories.set(setting, (this.trajectories.get(setting) ?? 0) + 1);
    const C = channels.length;
    const T = id.frames;
    const bad = countNonFinite(inputs.truth.data as Float32Array, T, C);
    const badPred = countNonFinite(inputs.ensemble.data as Float32Array, T, C, inputs.ensemble.shape[0]);
    for (let i = 0; i < bad.length; i++) bad[i]! += badPred[i]!;
    const pm = lolaPointwiseMetrics(inputs);
    const bands = lolaSpectrumBandErrors(inputs);
    const spectra = this.withSpectra && setting === 'absolute' ? lolaSpectrumErrors(inputs) : undefined;
    for (let f = 0; f < T; f++) {
      const lead = (f - id.context + 1) * id.stride;
      if (lead <= 0) continue;
      const b = binOf(lead, bins);
      for (let c = 0; c < C; c++) {
        const i = f * C + c;
        const vals: Record<MeasureName, number> = {
          vrmse: pm.vrmse.data[i]!,
          nrmse: pm.nrmse.data[i]!,
          rmse: pm.rmse.data[i]!,
          spread: pm.spread.data[i]!,
          skill: pm.skill.data[i]!,
          spreadSkill: pm.spreadSkill.data[i]!,
          psdErrorLow: bands.power.low.data[i]!,
          psdErrorMid: bands.power.mid.data[i]!,
          psdErrorHigh: bands.power.high.data[i]!,
        };
        const field = channels[c]!;
        if (b >= 0) {
          for (const { name } of MEASURES) get(this.acc, `${setting}|${field}|${b}|${name}`).add(vals[name]);
          const key = `${setting}|${field}|${b}`;
          this.nonFinite.set(key, (this.nonFinite.get(key) ?? 0) + bad[i]!);
        }
        for (const name of ['vrmse', 'spread', 'skill', 'spreadSkill'] as const)
          get(this.curve, `${setting}|${field}|${lead}|${name}`).add(vals[name]);
        if (spectra && b >= 0) {
          const B = spectra.k.length;
          const key = `${field}|${b}`;
          let s = this.spec.get(key);
          if (!s) this.spec.set(key, (s = { k: [...spectra.k], truth: new Float64Array(B), pred: new Float64Array(B), n: 0 }));
          for (let k = 0; k < B; k++) {
            s.truth[k]! += spectra.truthPower.data[i * B + k]!;
            s.pred[k]! += spectra.predictionPower.data[i * B + k]!;
          }
          s.n++;
        }
      }
    }
  }

  /** Appends this method's records, curves and spectra to `out`. */
  emit(out: ScoreOutput, meta: { commit: string | null; date: string; versions: Record<string, string> }): void {
    const { id, bins } = this;
    const maxLead = (id.frames - id.context) * id.stride;
    for (const setting of this.trajectories.keys()) {
      for (const field of this.channels) {
        bins.forEach((bin, b) => {
          const nonFinite = this.nonFinite.get(`${setting}|${field}|${b}`) ?? 0;
          const measures: Partial<Record<MeasureName, Measure>> = {};
          for (const { name, unit, better } of MEASURES) {
            const v = this.acc.get(`${setting}|${field}|${b}|${name}`)?.value;
            // Finite inputs with a non-finite mean: the measure is undefined here (e.g. a spectral band without bins on a tiny grid).
            if (v !== undefined && (Number.isFinite(v) || nonFinite > 0)) measures[name] = { value: v, unit, better };
          }
          if (!measures.vrmse) return;
          out.records.push({
            suite: 'evaluation',
            kind: 'accuracy',
            name: `${id.method}/${id.compressionRate}/${field}/${bin[0]}-${bin[1]}/ctx${id.context}/${setting}`,
            commit: meta.commit,
            date: meta.date,
            versions: meta.versions,
            dataset: id.dataset,
            split: id.split,
            method: id.method,
            compressionRate: id.compressionRate,
            field,
            context: id.context,
            leadTimeBin: bin,
            start: id.start,
            stride: id.stride,
            ensembleSize: id.ensembleSize,
            samplerSteps: id.samplerSteps,
            setting,
            nTrajectories: this.trajectories.get(setting)!,
            nonFinite,
            ...(id.baseline ? { baseline: true } : {}),
            ...(id.seed !== undefined ? { seed: id.seed } : {}),
            measures,
          });
        });
        for (let lead = id.stride; lead <= maxLead; lead += id.stride) {
          const g = (name: string) => this.curve.get(`${setting}|${field}|${lead}|${name}`)?.value ?? Number.NaN;
          out.curves.push({
            dataset: id.dataset,
            method: id.method,
            compressionRate: id.compressionRate,
            field,
            context: id.context,
            setting,
            leadTime: lead,
            vrmse: g('vrmse'),
            spread: g('spread'),
            skill: g('skill'),
            spreadSkill: g('spreadSkill'),
          });
        }
      }
    }
    for (const [key, s] of this.spec) {
      const [field, b] = key.split('|') as [string, string];
      out.spectra.push({
        dataset: id.dataset,
        method: id.method,
        compressionRate: id.compressionRate,
        field,
        leadTimeBin: bins[Number(b)]!,
        k: s.k,
        truth: [...s.truth].map((x) => x / s.n),
        prediction: [...s.pred].map((x) => x / s.n),
      });
    }
  }
}

function get(map: Map<string, Mean>, key: string): Mean {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Mean()));
  return m;
}
