/**
 * What the dashboard shows, computed from records: each measure's history over commits (speed and
 * accuracy), the latest VRMSE table by method × compression × lead-time bin, and the latest
 * cost-per-state curves against input resolution.
 */
import { groupCells, recordCommitKeyer, type CellRecord, type ReadRecord } from '@lola-ts/experiment';

/** How records' commits are keyed: by full hash, an older 12-character prefix as the full commit it abbreviates. */
type CommitKey = (commit: string | null | undefined) => string;

export interface Commit {
  commit: string;
  date: string;
}

/**
 * Commits in date order (records without a commit are grouped under `local`), keyed by the full
 * hash: a 12-character commit (older `results.jsonl`) that prefixes a full one seen is that commit.
 */
export function commitsOf(records: readonly ReadRecord[], commitKey: CommitKey = recordCommitKeyer(records)): Commit[] {
  const first = new Map<string, string>();
  for (const r of records) {
    const c = commitKey(r.commit);
    const d = r.date ?? '';
    if (!first.has(c) || d < first.get(c)!) first.set(c, d);
  }
  return [...first]
    .map(([commit, date]) => ({ commit, date }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.commit.localeCompare(b.commit));
}

export interface History {
  title: string;
  kind: string;
  unit: string;
  points: { x: string; y: number; series: string; lower?: number; upper?: number }[];
}

/**
 * One history chart per (suite, measure, kind). Evaluation records are first averaged over fields
 * and contexts per (method, rate, bin), like the paper's table; speed records keep their identity.
 */
export function histories(records: ReadRecord[]): History[] {
  const charts = new Map<string, History>();
  const acc = new Map<string, { sum: number; n: number; lower?: number; upper?: number; chart: string; series: string; commit: string }>();
  const commitKey = recordCommitKeyer(records);
  for (const r of records) {
    const commit = commitKey(r.commit);
    for (const [measure, m] of Object.entries(r.measures)) {
      if (!Number.isFinite(m.value)) continue;
      const chartKey = `${r.suite}|${measure}|${r.kind}`;
      if (!charts.has(chartKey)) charts.set(chartKey, { title: `${r.suite}: ${measure}`, kind: r.kind, unit: m.unit ?? '', points: [] });
      const series =
        r.suite === 'evaluation'
          ? `${r.method}${r.baseline === true ? '' : r.compressionRate === 1 ? ' pixel' : ` ${r.compressionRate}×`} ${Array.isArray(r.leadTimeBin) ? (r.leadTimeBin as number[]).join('–') : ''}`.trim()
          : [r.name, r.method, r.resolution ? `${r.resolution}²` : undefined, r.compressionRate ? `${r.compressionRate}×` : undefined]
              .filter(Boolean)
              .join(' ');
      if (r.suite === 'evaluation' && r.setting === 'relative') continue;
      const key = `${chartKey}|${series}|${commit}`;
      const a = acc.get(key) ?? { sum: 0, n: 0, chart: chartKey, series, commit };
      a.sum += m.value;
      a.n += 1;
      if (r.suite !== 'evaluation') {
        a.lower = m.lower;
        a.upper = m.upper;
      }
      acc.set(key, a);
    }
  }
  for (const a of acc.values())
    charts.get(a.chart)!.points.push({ x: a.commit, y: a.sum / a.n, series: a.series, lower: a.lower, upper: a.upper });
  return [...charts.values()].filter((c) => c.points.length);
}

export interface CostPoint {
  x: number;
  y: number;
  series: string;
}

/** Latest commit's seconds per emulated state against input resolution, one line per method (× rate). */
export function costVsResolution(records: ReadRecord[]): CostPoint[] {
  const speed = records.filter((r) => r.suite === 'emulation' && r.measures.secondsPerState && typeof r.resolution === 'number');
  const commitKey = recordCommitKeyer(records);
  const latest = commitsOf(speed, commitKey).at(-1)?.commit;
  return speed
    .filter((r) => commitKey(r.commit) === latest)
    .map((r) => ({
      x: r.resolution as number,
      y: r.measures.secondsPerState!.value,
      series: `${r.method}${typeof r.compressionRate === 'number' && r.compressionRate > 1 ? ` ${r.compressionRate}×` : ''}`,
    }))
    .sort((a, b) => a.series.localeCompare(b.series) || a.x - b.x);
}

export interface VrmseCell {
  method: string;
  rate: number;
  bin: string;
  value: number;
}

/** Latest commit's VRMSE (absolute), mean over fields and contexts, per method × rate × lead-time bin (experiment's `groupCells`). */
export function latestVrmse(records: ReadRecord[]): { dataset: string | undefined; cells: VrmseCell[] } {
  const evals = records.filter((r) => r.suite === 'evaluation' && r.measures.vrmse && r.setting !== 'relative');
  const commitKey = recordCommitKeyer(records);
  const latest = commitsOf(evals, commitKey).at(-1)?.commit;
  const mine = evals.filter((r) => commitKey(r.commit) === latest);
  const dataset = mine[0]?.dataset as string | undefined;
  // null VRMSE (non-finite, --allow-non-finite) makes its cell NaN; a record without `setting` counts as absolute.
  const cells = groupCells(mine.map((r) => ({ ...r, setting: 'absolute' }) as ReadRecord & CellRecord));
  return {
    dataset,
    cells: cells.map((c) => ({ method: c.method, rate: c.compressionRate, bin: c.leadTimeBin.join('–'), value: c.value })),
  };
}
