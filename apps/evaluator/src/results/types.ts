/**
 * Evaluation records (ARCHITECTURE §5): one JSON object per (method, compression rate, field,
 * lead-time bin, context, setting), with `measures` keyed by name. Dashboards rely on these keys.
 */
export interface Measure {
  value: number;
  unit: string;
  better: 'lower' | 'higher' | 'closer-to-1';
  lower?: number;
  upper?: number;
}

export type MeasureName = 'vrmse' | 'nrmse' | 'rmse' | 'spread' | 'skill' | 'spreadSkill' | 'psdErrorLow' | 'psdErrorMid' | 'psdErrorHigh';

export interface EvaluationRecord {
  suite: 'evaluation';
  kind: 'accuracy';
  name: string;
  commit: string | null;
  date: string;
  versions: Record<string, string>;
  dataset: string;
  split: string;
  /** `ae`, `dm`, `ns`, `pixel-ns`, ... */
  method: string;
  /** 1 for pixel space. */
  compressionRate: number;
  field: string;
  context: number;
  /** [first, last] lead time in simulator steps, inclusive. */
  leadTimeBin: [number, number];
  start: number;
  stride: number;
  ensembleSize: number;
  samplerSteps: number | null;
  /** `absolute`: against ground truth; `relative`: against the AE reconstruction. */
  setting: 'absolute' | 'relative';
  nTrajectories: number;
  measures: Partial<Record<MeasureName, Measure>>;
}

/** One point of a per-lead-time curve (written to `curves.jsonl` beside the records). */
export interface CurvePoint {
  dataset: string;
  method: string;
  compressionRate: number;
  field: string;
  context: number;
  setting: 'absolute' | 'relative';
  leadTime: number;
  vrmse: number;
  spread: number;
  skill: number;
  spreadSkill: number;
}

/** Mean isotropic power spectra of truth and prediction over a lead-time bin (`spectra.jsonl`). */
export interface SpectrumRecord {
  dataset: string;
  method: string;
  compressionRate: number;
  field: string;
  leadTimeBin: [number, number];
  /** Bin centres in cycles per pixel. */
  k: number[];
  truth: number[];
  prediction: number[];
}
