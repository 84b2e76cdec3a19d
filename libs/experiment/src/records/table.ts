/**
 * The VRMSE table (docs/method.md §13.1, "mean_absolute"): the plain mean of a measure over the
 * records of a (method, compression rate, lead-time bin) cell, i.e. over fields and contexts, in
 * one setting (absolute: against ground truth). The evaluator's report, `lola-bench accuracy` and
 * the dashboard all build their tables with `groupCells`.
 */
import { baselineRank, type Setting } from './evaluation.js';

/** The keys of a record that a table cell reads. */
export interface CellRecord {
  method: string;
  compressionRate: number;
  leadTimeBin: [number, number];
  setting?: string;
  nonFinite?: number;
  measures: Partial<Record<string, { value: number }>>;
}

/** One cell of the table. */
export interface TableCell {
  method: string;
  compressionRate: number;
  leadTimeBin: [number, number];
  /** NaN when a record's value is NaN/Inf (scored with --allow-non-finite): never a mean over the rest. */
  value: number;
  n: number;
  /** Non-finite input values behind the cell's records. */
  nonFinite: number;
}

/** A cell with the records it averages (in input order). */
export interface GroupedCell<R> extends TableCell {
  records: R[];
}

const binKey = (b: readonly [number, number]) => `${b[0]}-${b[1]}`;

/**
 * Cells in order of first appearance: records of `setting` holding `measure`, grouped by
 * (`groupBy`, method, rate, bin); the value is the sum of the records' values (null/non-finite
 * counted as NaN) over their number.
 */
export function groupCells<R extends CellRecord>(
  records: readonly R[],
  opts: { measure?: string; setting?: Setting; groupBy?: (r: R) => string } = {},
): GroupedCell<R>[] {
  const { measure = 'vrmse', setting = 'absolute', groupBy } = opts;
  const acc = new Map<string, GroupedCell<R> & { sum: number }>();
  for (const r of records) {
    if (r.setting !== setting) continue;
    const m = r.measures[measure];
    if (!m) continue;
    const key = `${groupBy ? `${groupBy(r)}|` : ''}${r.method}|${r.compressionRate}|${binKey(r.leadTimeBin)}`;
    let cell = acc.get(key);
    if (!cell)
      acc.set(
        key,
        (cell = {
          method: r.method,
          compressionRate: r.compressionRate,
          leadTimeBin: r.leadTimeBin,
          value: 0,
          n: 0,
          nonFinite: 0,
          sum: 0,
          records: [],
        }),
      );
    cell.sum += typeof m.value === 'number' && Number.isFinite(m.value) ? m.value : Number.NaN;
    cell.n += 1;
    cell.nonFinite += r.nonFinite ?? 0;
    cell.records.push(r);
  }
  return [...acc.values()].map(({ sum, ...c }) => ({ ...c, value: sum / c.n }));
}

/**
 * Mean of `measure` per (method, compression rate, lead-time bin) over fields and contexts: the
 * models by name and rate, then the baselines (persistence, mean), each by bin.
 */
export function tableByRateAndBin(records: readonly CellRecord[], measure = 'vrmse', setting: Setting = 'absolute'): TableCell[] {
  return groupCells(records, { measure, setting })
    .map(({ records: _r, ...c }) => c)
    .sort(
      (a, b) =>
        baselineRank(a.method) - baselineRank(b.method) ||
        a.method.localeCompare(b.method) ||
        a.compressionRate - b.compressionRate ||
        a.leadTimeBin[0] - b.leadTimeBin[0],
    );
}

/** The distinct lead-time bins of `cells`, by start. */
export function distinctBins(cells: readonly { leadTimeBin: [number, number] }[]): [number, number][] {
  const seen = new Map<string, [number, number]>();
  for (const c of cells) seen.set(binKey(c.leadTimeBin), c.leadTimeBin);
  return [...seen.values()].sort((a, b) => a[0] - b[0]);
}
