/**
 * VRMSE by compression rate and lead-time bin from the evaluator's records (`lola-eval score`,
 * `suite: 'evaluation'`; read as JSON, programs do not import each other). The paper's table
 * aggregation ("mean_absolute", docs/method.md §13.1, docs/reference-results.md §1): the plain mean over the
 * records of a (dataset, commit, method, rate, bin) cell — i.e. over fields and contexts — in the
 * absolute setting (against ground truth).
 */
import type { BenchRecord } from '../compare/record.js';

export interface AccuracyCell {
  dataset: string;
  /** Commit of the evaluation (its records' `commit`), null when unknown. */
  commit: string | null;
  /** Latest `date` among the cell's records. */
  date: string;
  versions: Record<string, unknown> | null;
  method: string;
  compressionRate: number;
  leadTimeBin: [number, number];
  /** Mean VRMSE over the cell's records. */
  vrmse: number;
  /** Number of records averaged. */
  n: number;
  fields: string[];
  contexts: number[];
  ensembleSize: number | null;
  samplerSteps: number | null;
  split: string | null;
  nTrajectories: number | null;
}

const where = (source: string, i: number, r: BenchRecord) => `${source}: record ${i + 1} (${r.suite}/${r.name})`;

function checkEvaluation(r: BenchRecord, at: string): void {
  if (typeof r.dataset !== 'string' || !r.dataset) throw new Error(`${at}: 'dataset' must be a non-empty string`);
  if (typeof r.method !== 'string' || !r.method) throw new Error(`${at}: 'method' must be a non-empty string (ae, dm, ns, pixel-ns, ...)`);
  if (typeof r.compressionRate !== 'number' || !(r.compressionRate >= 1))
    throw new Error(`${at}: 'compressionRate' must be a number >= 1 (1 for pixel space), got ${JSON.stringify(r.compressionRate)}`);
  const b = r.leadTimeBin;
  if (!Array.isArray(b) || b.length !== 2 || !b.every((x) => Number.isInteger(x)) || b[0] > b[1])
    throw new Error(`${at}: 'leadTimeBin' must be [first, last] integers with first <= last, got ${JSON.stringify(b)}`);
  if (r.setting !== 'absolute' && r.setting !== 'relative')
    throw new Error(`${at}: 'setting' must be 'absolute' or 'relative', got ${JSON.stringify(r.setting)}`);
  if (!Number.isFinite(r.measures.vrmse!.value)) {
    const nonFinite =
      typeof r.nonFinite === 'number' && r.nonFinite > 0
        ? ` (the record was scored from ${r.nonFinite} NaN/Inf values with lola-eval score --allow-non-finite; an accuracy table needs finite predictions)`
        : '';
    throw new Error(`${at}: measures.vrmse.value must be a finite number, got ${JSON.stringify(r.measures.vrmse!.value)}${nonFinite}`);
  }
}

/** Only a value shared by every record of the cell is kept (else null). */
function shared<T>(values: T[]): T | null {
  return values.length && values.every((v) => v === values[0]) ? values[0]! : null;
}

/**
 * Mean VRMSE per (dataset, commit, method, rate, lead-time bin), absolute setting, from the
 * evaluation records of `records` (others are ignored). `source` names the file(s) in errors.
 */
export function aggregateVrmse(records: readonly BenchRecord[], source = 'records'): AccuracyCell[] {
  const groups = new Map<string, BenchRecord[]>();
  records.forEach((r, i) => {
    if (r.suite !== 'evaluation' || !r.measures?.vrmse) return;
    checkEvaluation(r, where(source, i, r));
    if (r.setting !== 'absolute') return;
    const bin = r.leadTimeBin as [number, number];
    const key = [r.dataset, r.commit ?? '', r.method, r.compressionRate, bin[0], bin[1]].join('|');
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  });
  const cells: AccuracyCell[] = [];
  for (const rs of groups.values()) {
    const r0 = rs[0]!;
    const num = (k: string) => shared(rs.map((r) => (typeof r[k] === 'number' ? (r[k] as number) : null)));
    cells.push({
      dataset: r0.dataset as string,
      commit: r0.commit ?? null,
      date: rs
        .map((r) => r.date ?? '')
        .sort()
        .at(-1)!,
      versions: (r0.versions as Record<string, unknown> | undefined) ?? null,
      method: r0.method as string,
      compressionRate: r0.compressionRate as number,
      leadTimeBin: [...(r0.leadTimeBin as [number, number])],
      vrmse: rs.reduce((s, r) => s + r.measures.vrmse!.value, 0) / rs.length,
      n: rs.length,
      fields: [...new Set(rs.map((r) => String(r.field ?? '')))].filter(Boolean).sort(),
      contexts: [...new Set(rs.map((r) => r.context).filter((c): c is number => typeof c === 'number'))].sort((a, b) => a - b),
      ensembleSize: num('ensembleSize'),
      samplerSteps: num('samplerSteps'),
      split: shared(rs.map((r) => (typeof r.split === 'string' ? r.split : null))),
      nTrajectories: num('nTrajectories'),
    });
  }
  return cells.sort(
    (a, b) =>
      a.dataset.localeCompare(b.dataset) ||
      (a.commit ?? '').localeCompare(b.commit ?? '') ||
      a.method.localeCompare(b.method) ||
      a.compressionRate - b.compressionRate ||
      a.leadTimeBin[0] - b.leadTimeBin[0],
  );
}
