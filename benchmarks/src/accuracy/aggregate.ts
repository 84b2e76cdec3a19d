/**
 * VRMSE by compression rate and lead-time bin from the evaluator's records (`lola-eval score`,
 * `suite: 'evaluation'`; read as JSON, programs do not import each other). The paper's table
 * aggregation ("mean_absolute", docs/method.md §13.1, docs/reference-results.md §1): the plain mean over the
 * records of a (dataset, commit, method, rate, bin) cell — i.e. over fields and contexts — in the
 * absolute setting (against ground truth).
 */
import { checkEvaluationRecord, groupCells, recordCommitKeyer, recordWhere, type CellRecord, type ReadRecord } from '@lola-ts/experiment';

export interface AccuracyCell {
  dataset: string;
  /** Commit of the evaluation (its records' `commit`, the full hash when one is known), null when unknown. */
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

/** Only a value shared by every record of the cell is kept (else null). */
function shared<T>(values: T[]): T | null {
  return values.length && values.every((v) => v === values[0]) ? values[0]! : null;
}

/**
 * Mean VRMSE per (dataset, commit, method, rate, lead-time bin), absolute setting, from the
 * evaluation records of `records` (others are ignored). `source` names the file(s) in errors.
 * Commits are keyed by the full hash: a 12-character commit of an older `results.jsonl` that
 * prefixes a full one among `records` is that commit.
 */
export function aggregateVrmse(records: readonly ReadRecord[], source = 'records'): AccuracyCell[] {
  const evaluations = records.filter((r, i) => {
    if (r.suite !== 'evaluation' || !r.measures?.vrmse) return false;
    checkEvaluationRecord(r, recordWhere(source, i, r));
    return true;
  }) as (ReadRecord & CellRecord)[];
  const commitKey = recordCommitKeyer(evaluations);
  const commitOf = (r: ReadRecord) => (r.commit ? commitKey(r.commit) : null);
  const cells: AccuracyCell[] = [];
  for (const { records: rs, value } of groupCells(evaluations, { groupBy: (r) => `${r.dataset}|${commitOf(r) ?? ''}` })) {
    const r0 = rs[0]!;
    const num = (k: string) => shared(rs.map((r) => (typeof r[k] === 'number' ? (r[k] as number) : null)));
    cells.push({
      dataset: r0.dataset as string,
      commit: commitOf(r0),
      date: rs
        .map((r) => r.date ?? '')
        .sort()
        .at(-1)!,
      versions: (r0.versions as Record<string, unknown> | undefined) ?? null,
      method: r0.method,
      compressionRate: r0.compressionRate,
      leadTimeBin: [...r0.leadTimeBin],
      vrmse: value,
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
