/**
 * Exports records to the formats dashboards ingest:
 * - github-action-benchmark's custom tools: an array of `{ name, unit, value, range?, extra? }`, one
 *   file for `customSmallerIsBetter` (measures where lower is better) and one for
 *   `customBiggerIsBetter`;
 * - Bencher Metric Format (BMF): `{ "<benchmark>": { "<measure>": { value, lower_value?, upper_value? } } }`.
 */
import { identityKey, recordCommitKeyer, type ReadRecord } from '@lola-ts/experiment';

export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

export function toGithubActionBenchmark(records: ReadRecord[], direction: 'smaller' | 'bigger'): GithubBenchmarkEntry[] {
  const out: GithubBenchmarkEntry[] = [];
  const commitKey = recordCommitKeyer(records); // an older 12-character commit as the full one it abbreviates
  for (const r of records) {
    for (const [measure, m] of Object.entries(r.measures)) {
      const better = m.better ?? 'lower';
      if ((direction === 'smaller') !== (better === 'lower')) continue;
      if (better === 'closer-to-1') continue;
      const entry: GithubBenchmarkEntry = { name: `${identityKey(r)} ${measure}`, unit: m.unit || 'value', value: m.value };
      if (m.lower !== undefined && m.upper !== undefined) entry.range = `${m.lower}..${m.upper}`;
      if (r.commit) entry.extra = `commit ${commitKey(r.commit)}`;
      out.push(entry);
    }
  }
  return out;
}

export function toBencherBmf(
  records: ReadRecord[],
): Record<string, Record<string, { value: number; lower_value?: number; upper_value?: number }>> {
  const out: Record<string, Record<string, { value: number; lower_value?: number; upper_value?: number }>> = {};
  for (const r of records) {
    const bench = (out[identityKey(r)] ??= {});
    for (const [measure, m] of Object.entries(r.measures)) {
      bench[measure] = {
        value: m.value,
        ...(m.lower !== undefined ? { lower_value: m.lower } : {}),
        ...(m.upper !== undefined ? { upper_value: m.upper } : {}),
      };
    }
  }
  return out;
}
