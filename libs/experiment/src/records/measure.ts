/**
 * Measures (docs/architecture.md §5): one measured quantity of a record, with its unit, the
 * direction that is better and, when known, an uncertainty interval.
 */

/** Which way a measure improves; `closer-to-1` for ratios such as spread/skill. */
export type Better = 'lower' | 'higher' | 'closer-to-1';

/** One measured quantity with its unit and optional interval `lower <= value <= upper`. */
export interface Measure {
  /**
   * NaN (written as `null` in the JSON) when an evaluation scored NaN/Inf values: only when scored
   * with `--allow-non-finite`, and then the record's `nonFinite` counts them.
   */
  value: number;
  unit: string;
  better: Better;
  lower?: number;
  upper?: number;
}

/** A measure as read back from any record file: older or foreign files may omit unit and direction. */
export interface ReadMeasure {
  value: number;
  unit?: string;
  better?: Better;
  lower?: number;
  upper?: number;
}

/**
 * A time measure in ms from latency samples: the mean, with the 95% interval mean ± t·s/√n
 * (tinybench's margin of error `moe`, clamped at 0).
 */
export function timeMeasure(meanMs: number, moeMs: number): Measure {
  const moe = Number.isFinite(moeMs) ? moeMs : 0;
  return { value: meanMs, lower: Math.max(0, meanMs - moe), upper: meanMs + moe, unit: 'ms', better: 'lower' };
}

/**
 * Checks measures for a record written by us: at least one, finite values, a unit, and
 * `lower <= value <= upper` when given. `where` names the record in the error.
 */
export function checkMeasures(where: string, measures: Record<string, Measure>): void {
  const entries = Object.entries(measures);
  if (entries.length === 0) throw new Error(`${where}: measures must hold at least one measure`);
  for (const [key, m] of entries) {
    if (!Number.isFinite(m.value)) throw new Error(`${where}: measures.${key}.value must be a finite number, got ${m.value}`);
    if (!m.unit) throw new Error(`${where}: measures.${key}.unit must be a non-empty string`);
    if (m.lower !== undefined && !(m.lower <= m.value))
      throw new Error(`${where}: measures.${key}.lower (${m.lower}) must be <= value (${m.value})`);
    if (m.upper !== undefined && !(m.upper >= m.value))
      throw new Error(`${where}: measures.${key}.upper (${m.upper}) must be >= value (${m.value})`);
  }
}
