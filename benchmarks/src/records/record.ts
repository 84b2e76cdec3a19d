/**
 * Benchmark records, one JSON object per line (docs/architecture.md §5): identity (commit, date,
 * versions), `environment`, the benchmark (`suite`, `name`, `kind`), its axes as top-level keys
 * (`dataset`, `resolution`, `compressionRate`, `method`, ...) and `measures`.
 */
import type { Environment, Identity } from './environment.js';

/** One measured quantity with its uncertainty interval. */
export interface Measure {
  value: number;
  lower?: number;
  upper?: number;
  unit: string;
  better: 'lower' | 'higher' | 'closer-to-1';
}

/** Axes of docs/architecture.md §5 (any other axis is allowed too). */
export interface Axes {
  dataset?: string;
  resolution?: number | number[];
  compressionRate?: number;
  method?: 'simulator' | 'ae' | 'ns' | 'dm' | 'pixel-ns' | 'pixel-dm';
  /** e.g. [1, 20] (the evaluator's form) or '1-20'. */
  leadTimeBin?: string | [number, number];
  context?: number;
  ensembleSize?: number;
  samplerSteps?: number;
  [axis: string]: unknown;
}

export interface BenchRecord extends Identity {
  environment: Environment;
  suite: string;
  name: string;
  kind: 'speed' | 'accuracy';
  measures: Record<string, Measure>;
  [axis: string]: unknown;
}

const RESERVED = new Set(['commit', 'dirty', 'date', 'versions', 'environment', 'suite', 'name', 'kind', 'measures']);

export interface RecordInput {
  suite: string;
  name: string;
  kind: 'speed' | 'accuracy';
  axes?: Axes;
  measures: Record<string, Measure>;
}

/**
 * Builds a record and checks it: non-empty suite/name, at least one measure, finite values,
 * `lower <= value <= upper` when given, and no axis shadowing a reserved key.
 */
export function makeRecord(input: RecordInput, identity: Identity, environment: Environment): BenchRecord {
  const where = `record ${input.suite}/${input.name}`;
  if (!input.suite || !input.name) throw new Error(`${where}: suite and name must be non-empty strings`);
  if (input.kind !== 'speed' && input.kind !== 'accuracy')
    throw new Error(`${where}: kind must be 'speed' or 'accuracy', got '${String(input.kind)}'`);
  const entries = Object.entries(input.measures);
  if (entries.length === 0) throw new Error(`${where}: measures must hold at least one measure`);
  for (const [key, m] of entries) {
    if (!Number.isFinite(m.value)) throw new Error(`${where}: measures.${key}.value must be a finite number, got ${m.value}`);
    if (!m.unit) throw new Error(`${where}: measures.${key}.unit must be a non-empty string`);
    if (m.lower !== undefined && !(m.lower <= m.value))
      throw new Error(`${where}: measures.${key}.lower (${m.lower}) must be <= value (${m.value})`);
    if (m.upper !== undefined && !(m.upper >= m.value))
      throw new Error(`${where}: measures.${key}.upper (${m.upper}) must be >= value (${m.value})`);
  }
  const axes = input.axes ?? {};
  for (const k of Object.keys(axes)) if (RESERVED.has(k)) throw new Error(`${where}: axis '${k}' shadows a reserved record key`);
  return { ...identity, environment, suite: input.suite, name: input.name, kind: input.kind, ...axes, measures: input.measures };
}

/**
 * A time measure in ms from latency samples: the mean, with the 95% interval mean ± t·s/√n
 * (tinybench's margin of error `moe`, clamped at 0).
 */
export function timeMeasure(meanMs: number, moeMs: number): Measure {
  const moe = Number.isFinite(moeMs) ? moeMs : 0;
  return { value: meanMs, lower: Math.max(0, meanMs - moe), upper: meanMs + moe, unit: 'ms', better: 'lower' };
}
