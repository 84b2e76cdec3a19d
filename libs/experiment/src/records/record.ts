/**
 * Records, one JSON object per line (docs/architecture.md §5): the identity of the code that ran
 * (commit, dirty flag, date, versions), its `environment`, what was measured (`suite`, `name`,
 * `kind` and axes such as `dataset`, `method`, `compressionRate`, `leadTimeBin` as top-level keys)
 * and `measures`. The key names are the on-disk format of `bench.jsonl` and `results.jsonl`.
 */
import type { Environment } from '../provenance/environment.js';
import type { Identity } from '../provenance/identity.js';
import { checkMeasures, type Measure, type ReadMeasure } from './measure.js';

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

/** A record as written by the benchmarks: identity, environment, the benchmark, its axes and measures. */
export interface BenchRecord extends Identity {
  environment: Environment;
  suite: string;
  name: string;
  kind: 'speed' | 'accuracy';
  measures: Record<string, Measure>;
  [axis: string]: unknown;
}

/**
 * Any record as read back (benchmark or evaluation) by the comparison, export, accuracy and
 * dashboard tools: the minimum keys, everything else optional. Readers accept any extra keys.
 */
export interface ReadRecord {
  suite: string;
  name: string;
  kind: 'speed' | 'accuracy' | string;
  commit?: string | null;
  date?: string;
  environment?: Record<string, unknown>;
  measures: Record<string, ReadMeasure>;
  [axis: string]: unknown;
}

const RESERVED = new Set(['commit', 'dirty', 'date', 'versions', 'environment', 'suite', 'name', 'kind', 'measures']);

/** What a benchmark measured, before identity and environment are attached. */
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
  checkMeasures(where, input.measures);
  const axes = input.axes ?? {};
  for (const k of Object.keys(axes)) if (RESERVED.has(k)) throw new Error(`${where}: axis '${k}' shadows a reserved record key`);
  return { ...identity, environment, suite: input.suite, name: input.name, kind: input.kind, ...axes, measures: input.measures };
}

/** Axes that, with suite and name, identify what a record measures (so BASE and HEAD pair up). */
export const IDENTITY_AXES = [
  'dataset',
  'resolution',
  'compressionRate',
  'method',
  'field',
  'leadTimeBin',
  'context',
  'setting',
  'ensembleSize',
  'samplerSteps',
] as const;

/** `suite name axis=value ...`: what a record measured, independent of the commit that measured it. */
export function identityKey(r: ReadRecord): string {
  const axes = IDENTITY_AXES.filter((a) => r[a] !== undefined && r[a] !== null).map((a) => `${a}=${JSON.stringify(r[a])}`);
  return [r.suite, r.name, ...axes].join(' ');
}
