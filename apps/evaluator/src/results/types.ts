/**
 * Evaluation records (docs/architecture.md §5): one JSON object per (method, compression rate, field,
 * lead-time bin, context, setting), with `measures` keyed by name. Dashboards rely on these keys.
 */
export interface Measure {
  /**
   * NaN (written as `null` in the JSON) when the scored values held NaN/Inf: only when scored with
   * `--allow-non-finite`, and then the record's `nonFinite` counts them (never a mean over the
   * finite subset).
   */
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
  /** `absolute`: against ground truth; `relative`: against the AE reconstruction. */
  setting: 'absolute' | 'relative';
  nTrajectories: number;
  /** Non-finite values (NaN/Inf) among the truth and predicted values the record averages over. */
  nonFinite?: number;
  /** True for the reference methods computed from the truth alone (`persistence`, `mean`). */
  baseline?: boolean;
  /** Seed of the rollout's sampling noise (from its manifest), when known. */
  seed?: number | null;
  measures: Partial<Record<MeasureName, Measure>>;
}

/**
 * Reference methods `lola-eval score` writes beside the rollouts, from the truth alone:
 * `persistence` repeats the last context frame for every lead time; `mean` predicts each frame's
 * own spatial mean per channel (VRMSE = √((N−1)/N · σ²/(σ² + ε)) ≈ 1, the sanity line).
 */
export const BASELINES = ['persistence', 'mean'] as const;
export type BaselineName = (typeof BASELINES)[number];
export const isBaseline = (method: string): method is BaselineName => (BASELINES as readonly string[]).includes(method);
/** Reading order of methods: the models first (0), then persistence (1) and mean (2). */
export const baselineRank = (method: string) => (BASELINES as readonly string[]).indexOf(method) + 1;

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
