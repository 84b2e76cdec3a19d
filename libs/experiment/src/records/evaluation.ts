/**
 * Evaluation records (docs/architecture.md §5), written by `lola-eval score` to `results.jsonl`:
 * one JSON object per (method, compression rate, field, lead-time bin, context, setting), with
 * `measures` keyed by name, plus the per-lead-time curves and spectra of its sidecar files.
 */
import type { Measure } from './measure.js';

/** The measures an evaluation record may hold. */
export type MeasureName = 'vrmse' | 'nrmse' | 'rmse' | 'spread' | 'skill' | 'spreadSkill' | 'psdErrorLow' | 'psdErrorMid' | 'psdErrorHigh';

/** Measure names in the evaluator's column order (CSV, tables). */
export const MEASURE_NAMES: readonly MeasureName[] = [
  'vrmse',
  'nrmse',
  'rmse',
  'spread',
  'skill',
  'spreadSkill',
  'psdErrorLow',
  'psdErrorMid',
  'psdErrorHigh',
];

/** `absolute`: against ground truth; `relative`: against the AE reconstruction. */
export type Setting = 'absolute' | 'relative';

/** One evaluation record (`suite: 'evaluation'`). */
export interface EvaluationRecord {
  suite: 'evaluation';
  kind: 'accuracy';
  name: string;
  /** Full 40-character commit of the code that scored (older files: 12 characters), null outside git. */
  commit: string | null;
  date: string;
  versions: Record<string, string>;
  dataset: string;
  split: string;
  /** `ae`, `dm`, `ns`, `pixel-ns`, ..., or a baseline (`persistence`, `mean`). */
  method: string;
  /** 1 for pixel space (and for the baselines). */
  compressionRate: number;
  field: string;
  context: number;
  /** [first, last] lead time in simulator steps, inclusive. */
  leadTimeBin: [number, number];
  start: number;
  stride: number;
  ensembleSize: number;
  samplerSteps: number | null;
  setting: Setting;
  nTrajectories: number;
  /** Non-finite values (NaN/Inf) among the truth and predicted values the record averages over. */
  nonFinite?: number;
  /** True for the reference methods computed from the truth alone (`persistence`, `mean`). */
  baseline?: boolean;
  /** Seed of the rollout's sampling noise (from its manifest), when known. */
  seed?: number | null;
  measures: Partial<Record<MeasureName, Measure>>;
}

/** One point of a per-lead-time curve (written to `curves.jsonl` beside the records). */
export interface CurvePoint {
  dataset: string;
  method: string;
  compressionRate: number;
  field: string;
  context: number;
  setting: Setting;
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

/**
 * Reference methods `lola-eval score` writes beside the rollouts, from the truth alone:
 * `persistence` repeats the last context frame for every lead time; `mean` predicts each frame's
 * own spatial mean per channel (VRMSE = √((N−1)/N · σ²/(σ² + ε)) ≈ 1, the sanity line).
 */
export const BASELINES = ['persistence', 'mean'] as const;
/** A baseline method's name. */
export type BaselineName = (typeof BASELINES)[number];
/** Whether `method` is one of the baselines. */
export const isBaseline = (method: string): method is BaselineName => (BASELINES as readonly string[]).includes(method);
/** Reading order of methods: the models first (0), then persistence (1) and mean (2). */
export const baselineRank = (method: string) => (BASELINES as readonly string[]).indexOf(method) + 1;
