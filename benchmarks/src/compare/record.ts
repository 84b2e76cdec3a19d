/**
 * The generic shape of a benchmark or evaluation record (docs/architecture.md §5) as read back by the
 * comparison, export and dashboard tools: identity, environment, the benchmark, its axes and
 * `measures`. Readers accept any extra keys.
 */
export interface RecordMeasure {
  value: number;
  unit?: string;
  better?: 'lower' | 'higher' | 'closer-to-1';
  lower?: number;
  upper?: number;
}

export interface BenchRecord {
  suite: string;
  name: string;
  kind: 'speed' | 'accuracy' | string;
  commit?: string | null;
  date?: string;
  environment?: Record<string, unknown>;
  measures: Record<string, RecordMeasure>;
  [axis: string]: unknown;
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

export function identityKey(r: BenchRecord): string {
  const axes = IDENTITY_AXES.filter((a) => r[a] !== undefined && r[a] !== null).map((a) => `${a}=${JSON.stringify(r[a])}`);
  return [r.suite, r.name, ...axes].join(' ');
}

/** Reads a JSON-lines file of records, validating the minimum keys with line numbers in errors. */
export function parseRecords(text: string, file: string): BenchRecord[] {
  const out: BenchRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let r: BenchRecord;
    try {
      r = JSON.parse(line) as BenchRecord;
    } catch (err) {
      throw new Error(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
    }
    for (const k of ['suite', 'name', 'kind', 'measures'] as const) {
      if (r[k] === undefined) throw new Error(`${file}:${i + 1}: record has no '${k}' (expected suite, name, kind and measures)`);
    }
    out.push(r);
  });
  return out;
}
