/**
 * What the dashboard shows, computed from records: each measure's history over commits (speed and
 * accuracy), the latest VRMSE table by method × compression × lead-time bin, and the latest
 * cost-per-state curves against input resolution.
 */
import type { BenchRecord } from '../compare/record.js';

export interface Commit {
  commit: string;
  date: string;
}

/** Commits in date order (records without a commit are grouped under `local`). */
export function commitsOf(records: BenchRecord[]): Commit[] {
  const first = new Map<string, string>();
  for (const r of records) {
    const c = r.commit ?? 'local';
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
export function histories(records: BenchRecord[]): History[] {
  const charts = new Map<string, History>();
  const acc = new Map<string, { sum: number; n: number; lower?: number; upper?: number; chart: string; series: string; commit: string }>();
  for (const r of records) {
    const commit = r.commit ?? 'local';
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
export function costVsResolution(records: BenchRecord[]): CostPoint[] {
  const speed = records.filter((r) => r.suite === 'emulation' && r.measures.secondsPerState && typeof r.resolution === 'number');
  const commits = commitsOf(speed);
  const latest = commits.at(-1)?.commit;
  return speed
    .filter((r) => (r.commit ?? 'local') === latest)
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

/** Latest commit's VRMSE (absolute), mean over fields and contexts, per method × rate × lead-time bin. */
export function latestVrmse(records: BenchRecord[]): { dataset: string | undefined; cells: VrmseCell[] } {
  const evals = records.filter((r) => r.suite === 'evaluation' && r.measures.vrmse && r.setting !== 'relative');
  const latest = commitsOf(evals).at(-1)?.commit;
  const sums = new Map<string, VrmseCell & { n: number }>();
  let dataset: string | undefined;
  for (const r of evals) {
    if ((r.commit ?? 'local') !== latest) continue;
    dataset ??= r.dataset as string | undefined;
    const bin = (r.leadTimeBin as number[]).join('–');
    const key = `${r.method}|${r.compressionRate}|${bin}`;
    const c = sums.get(key) ?? { method: r.method as string, rate: r.compressionRate as number, bin, value: 0, n: 0 };
    c.value += typeof r.measures.vrmse!.value === 'number' ? r.measures.vrmse!.value : Number.NaN; // null: non-finite (--allow-non-finite)
    c.n++;
    sums.set(key, c);
  }
  return { dataset, cells: [...sums.values()].map(({ n, ...c }) => ({ ...c, value: c.value / n })) };
}
