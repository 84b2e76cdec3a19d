/**
 * The emulators against the baselines: per (method, rate, lead-time bin), does the emulator's
 * VRMSE beat `persistence` (the last context frame repeated) and `mean` (each frame's spatial mean,
 * VRMSE ≈ 1)? The AE is left out (it reconstructs the truth it is given, it does not forecast).
 */
import { isBaseline, type BaselineName, type CurvePoint, type TableCell } from '@lola-ts/experiment';
import type { FindingCheck } from './findings.js';

export interface BaselineComparison {
  method: string;
  compressionRate: number;
  leadTimeBin: [number, number];
  value: number;
  /** The baseline's VRMSE in the same bin (undefined when not scored). */
  persistence?: number;
  mean?: number;
  /** value < baseline (false when either is NaN); null when the baseline is missing. */
  beatsPersistence: boolean | null;
  beatsMean: boolean | null;
}

const rateLabel = (r: number) => (r === 1 ? 'pixel' : `${Math.round(r)}×`);
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'non-finite');

export const isEmulator = (method: string) => method !== 'ae' && !isBaseline(method);

export function compareWithBaselines(cells: TableCell[]): BaselineComparison[] {
  const base = (name: BaselineName, bin: [number, number]) =>
    cells.find((c) => c.method === name && c.leadTimeBin[0] === bin[0] && c.leadTimeBin[1] === bin[1])?.value;
  const beats = (v: number, b: number | undefined) => (b === undefined ? null : v < b);
  return cells
    .filter((c) => isEmulator(c.method))
    .map((c) => {
      const persistence = base('persistence', c.leadTimeBin);
      const mean = base('mean', c.leadTimeBin);
      return {
        method: c.method,
        compressionRate: c.compressionRate,
        leadTimeBin: c.leadTimeBin,
        value: c.value,
        persistence,
        mean,
        beatsPersistence: beats(c.value, persistence),
        beatsMean: beats(c.value, mean),
      };
    });
}

/** One plain sentence per (method, rate): in how many bins it beats each baseline, and which. */
export function baselineSentences(cmp: BaselineComparison[]): string[] {
  const rows = [...new Set(cmp.map((c) => `${c.method}|${c.compressionRate}`))];
  return rows.map((key) => {
    const xs = cmp.filter((c) => `${c.method}|${c.compressionRate}` === key);
    const { method, compressionRate } = xs[0]!;
    const part = (name: BaselineName, pick: (c: BaselineComparison) => boolean | null) => {
      const known = xs.filter((c) => pick(c) !== null);
      if (!known.length) return `${name} not scored`;
      const won = known.filter((c) => pick(c) === true).map((c) => `${c.leadTimeBin[0]}–${c.leadTimeBin[1]}`);
      const verb = won.length ? 'beats' : 'does NOT beat';
      return `${verb} ${name === 'mean' ? 'the spatial mean' : 'persistence'} in ${won.length} of ${known.length} bins${won.length && won.length < known.length ? ` (${won.join(', ')} only)` : ''}`;
    };
    return `${method} ${rateLabel(compressionRate)}: ${part('persistence', (c) => c.beatsPersistence)}; ${part('mean', (c) => c.beatsMean)}.`;
  });
}

/** Findings (p) and (m): every emulator beats persistence / the mean in every bin. */
export function baselineFindings(cmp: BaselineComparison[]): FindingCheck[] {
  const check = (
    id: 'p' | 'm',
    name: BaselineName,
    pick: (c: BaselineComparison) => boolean | null,
    ref: (c: BaselineComparison) => number | undefined,
  ): FindingCheck => {
    const statement = `Every emulator beats ${name === 'mean' ? 'the spatial mean (VRMSE ≈ 1)' : 'persistence (the last context frame repeated)'} in every lead-time bin`;
    const known = cmp.filter((c) => pick(c) !== null);
    if (!known.length)
      return { id, statement, holds: null, evidence: `needs emulator records and the ${name} baseline (lola-eval score writes it)` };
    const lost = known.filter((c) => pick(c) === false);
    const cell = (c: BaselineComparison) =>
      `${c.method} ${rateLabel(c.compressionRate)} ${c.leadTimeBin[0]}–${c.leadTimeBin[1]}: ${fmt(c.value)} vs ${fmt(ref(c)!)}`;
    return {
      id,
      statement,
      holds: lost.length === 0,
      evidence: lost.length
        ? `not beaten in ${lost.length} of ${known.length} cells: ${lost.slice(0, 6).map(cell).join('; ')}${lost.length > 6 ? `; … ${lost.length - 6} more in the table below` : ''}`
        : `all ${known.length} cells below it`,
    };
  };
  return [
    check(
      'p',
      'persistence',
      (c) => c.beatsPersistence,
      (c) => c.persistence,
    ),
    check(
      'm',
      'mean',
      (c) => c.beatsMean,
      (c) => c.mean,
    ),
  ];
}

/** VRMSE at the first lead time (mean over fields and contexts) per method and rate, baselines included. */
export function firstLeadVrmse(
  curves: CurvePoint[],
): { leadTime: number; rows: { method: string; compressionRate: number; value: number }[] } | undefined {
  const abs = curves.filter((c) => c.setting === 'absolute' && c.method !== 'ae');
  if (!abs.length) return undefined;
  const leadTime = Math.min(...abs.map((c) => c.leadTime));
  const groups = new Map<string, { method: string; compressionRate: number; sum: number; n: number }>();
  for (const c of abs.filter((x) => x.leadTime === leadTime)) {
    const key = `${c.method}|${c.compressionRate}`;
    const g = groups.get(key) ?? { method: c.method, compressionRate: c.compressionRate, sum: 0, n: 0 };
    g.sum += typeof c.vrmse === 'number' && Number.isFinite(c.vrmse) ? c.vrmse : Number.NaN;
    g.n++;
    groups.set(key, g);
  }
  return {
    leadTime,
    rows: [...groups.values()].map((g) => ({ method: g.method, compressionRate: g.compressionRate, value: g.sum / g.n })),
  };
}
