/**
 * Checks of evaluation records read back from `results.jsonl` (docs/architecture.md §5), with
 * errors that name the file, the record number and the field:
 * `results.jsonl: record 1 (evaluation/vrmse): measures.vrmse.value must be a finite number, got null`.
 */
import type { ReadRecord } from './record.js';

/** `file: record N (suite/name)`, N counted from 1: the prefix of a record's validation errors. */
export const recordWhere = (file: string, index: number, r: ReadRecord) => `${file}: record ${index + 1} (${r.suite}/${r.name})`;

/**
 * Checks the axes a VRMSE table reads (dataset, method, compressionRate, leadTimeBin, setting) and
 * that `measures.vrmse.value` is finite; `at` prefixes the error (see `recordWhere`).
 */
export function checkEvaluationRecord(r: ReadRecord, at: string): void {
  if (typeof r.dataset !== 'string' || !r.dataset) throw new Error(`${at}: 'dataset' must be a non-empty string`);
  if (typeof r.method !== 'string' || !r.method) throw new Error(`${at}: 'method' must be a non-empty string (ae, dm, ns, pixel-ns, ...)`);
  if (typeof r.compressionRate !== 'number' || !(r.compressionRate >= 1))
    throw new Error(`${at}: 'compressionRate' must be a number >= 1 (1 for pixel space), got ${JSON.stringify(r.compressionRate)}`);
  const b = r.leadTimeBin;
  if (!Array.isArray(b) || b.length !== 2 || !b.every((x) => Number.isInteger(x)) || b[0] > b[1])
    throw new Error(`${at}: 'leadTimeBin' must be [first, last] integers with first <= last, got ${JSON.stringify(b)}`);
  if (r.setting !== 'absolute' && r.setting !== 'relative')
    throw new Error(`${at}: 'setting' must be 'absolute' or 'relative', got ${JSON.stringify(r.setting)}`);
  const vrmse = r.measures.vrmse;
  if (vrmse && !Number.isFinite(vrmse.value)) {
    const nonFinite =
      typeof r.nonFinite === 'number' && r.nonFinite > 0
        ? ` (the record was scored from ${r.nonFinite} NaN/Inf values with lola-eval score --allow-non-finite; an accuracy table needs finite predictions)`
        : '';
    throw new Error(`${at}: measures.vrmse.value must be a finite number, got ${JSON.stringify(vrmse.value)}${nonFinite}`);
  }
}
