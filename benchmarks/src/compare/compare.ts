/**
 * Regression check between two sets of records: for each measure present in BASE and HEAD (paired
 * by identity key), the relative change in the "worse" direction; beyond the threshold of its kind
 * (speed and accuracy have separate thresholds) it is a regression.
 */
import { identityKey, type ReadRecord } from '@lola-ts/experiment';

export interface Thresholds {
  speed: number;
  accuracy: number;
}

export interface Comparison {
  key: string;
  measure: string;
  kind: string;
  base: number;
  head: number;
  /** Relative change towards worse (positive = worse), e.g. 0.12 = 12 % worse. */
  worse: number;
  regression: boolean;
}

/** How much worse `head` is than `base` for a measure with the given direction (relative). */
export function relativeWorsening(base: number, head: number, better: 'lower' | 'higher' | 'closer-to-1' = 'lower'): number {
  if (better === 'closer-to-1') {
    const b = Math.abs(base - 1),
      h = Math.abs(head - 1);
    return (h - b) / Math.max(b, 0.05);
  }
  const denom = Math.max(Math.abs(base), 1e-12);
  return better === 'lower' ? (head - base) / denom : (base - head) / denom;
}

export function compareRecords(
  base: ReadRecord[],
  head: ReadRecord[],
  thresholds: Thresholds,
): { comparisons: Comparison[]; missing: string[]; added: string[] } {
  const baseBy = new Map(base.map((r) => [identityKey(r), r]));
  const headBy = new Map(head.map((r) => [identityKey(r), r]));
  const comparisons: Comparison[] = [];
  for (const [key, h] of headBy) {
    const b = baseBy.get(key);
    if (!b) continue;
    for (const [measure, hm] of Object.entries(h.measures)) {
      const bm = b.measures[measure];
      if (!bm || !Number.isFinite(bm.value) || !Number.isFinite(hm.value)) continue;
      const worse = relativeWorsening(bm.value, hm.value, hm.better ?? bm.better ?? 'lower');
      const limit = h.kind === 'speed' ? thresholds.speed : thresholds.accuracy;
      comparisons.push({ key, measure, kind: h.kind, base: bm.value, head: hm.value, worse, regression: worse > limit });
    }
  }
  return {
    comparisons,
    missing: [...baseBy.keys()].filter((k) => !headBy.has(k)),
    added: [...headBy.keys()].filter((k) => !baseBy.has(k)),
  };
}

export function formatComparisons(rows: Comparison[]): string {
  const lines = rows.map(
    (c) =>
      `${c.regression ? 'REGRESSION' : 'ok        '}  ${c.kind.padEnd(8)}  ${(c.worse >= 0 ? '+' : '') + (100 * c.worse).toFixed(1)}% worse  ${c.base.toPrecision(4)} -> ${c.head.toPrecision(4)}  ${c.measure}  ${c.key}`,
  );
  return lines.join('\n');
}
