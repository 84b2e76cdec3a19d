/**
 * Printing the emulation suite: our seconds per state (method × rate rows, resolution columns),
 * and the paper's per-state figures beside ours as RATIOS only (docs/reference-results.md §6: the paper
 * timed one datacenter GPU at 512², we time this machine's backend; absolute milliseconds are not
 * comparable, ratios such as DM/NS ≈ 6.5 are).
 */
import { PAPER_SECONDS_PER_STATE } from '@lola-ts/metrics';
import type { Method } from './cases.js';
import type { EmulationTiming } from './suite.js';

/** The ratios printed (numerator / denominator), in order. */
export const RATIO_PAIRS: readonly [Method, Method][] = [
  ['dm', 'ns'],
  ['dm', 'simulator'],
  ['ns', 'simulator'],
  ['pixel-ns', 'ns'],
  ['pixel-dm', 'dm'],
  ['pixel-dm', 'pixel-ns'],
  ['pixel-ns', 'simulator'],
  ['pixel-dm', 'simulator'],
];

export interface RatioRow {
  label: string;
  numerator: Method;
  denominator: Method;
  /** Paper ratio; `approximate` when a figure is an order of magnitude (O(10 s), O(1 s)). */
  paper: number;
  approximate: boolean;
  /** Our ratio per resolution (null where a side was not measured). */
  ours: Map<number, number | null>;
}

const LABEL: Record<Method, string> = { simulator: 'simulator', ns: 'NS', dm: 'DM', 'pixel-ns': 'pixel NS', 'pixel-dm': 'pixel DM' };

/**
 * Seconds per state of `method` at `resolution`; latent methods at compression `rate` (default:
 * the lowest rate measured there, the paper's c64 setting).
 */
export function secondsOf(timings: readonly EmulationTiming[], method: Method, resolution: number, rate?: number): number | null {
  const rows = timings.filter((t) => t.method === method && t.resolution === resolution);
  if (!rows.length) return null;
  const latent = method === 'ns' || method === 'dm';
  const want = latent ? (rate ?? Math.min(...rows.map((t) => t.compressionRate))) : 1;
  return rows.find((t) => t.compressionRate === want)?.secondsPerState.value ?? null;
}

/** The paper's ratio num/den and ours at each measured resolution. */
export function ratioTable(
  timings: readonly EmulationTiming[],
  opts: { rate?: number; pairs?: readonly [Method, Method][] } = {},
): RatioRow[] {
  const resolutions = [...new Set(timings.map((t) => t.resolution))].sort((a, b) => a - b);
  return (opts.pairs ?? RATIO_PAIRS).map(([num, den]) => {
    const p = PAPER_SECONDS_PER_STATE[num];
    const q = PAPER_SECONDS_PER_STATE[den];
    const ours = new Map<number, number | null>();
    for (const n of resolutions) {
      const a = secondsOf(timings, num, n, opts.rate);
      const b = secondsOf(timings, den, n, opts.rate);
      ours.set(n, a !== null && b !== null && b > 0 ? a / b : null);
    }
    return {
      label: `${LABEL[num]} / ${LABEL[den]}`,
      numerator: num,
      denominator: den,
      paper: p.value / q.value,
      approximate: p.approximate || q.approximate,
      ours,
    };
  });
}

const fmtRatio = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(2));

/** The ratio table as text lines. */
export function formatRatioTable(rows: readonly RatioRow[], rateNote: string): string[] {
  const resolutions = [...new Set(rows.flatMap((r) => [...r.ours.keys()]))].sort((a, b) => a - b);
  const head = `${'ratio (per state)'.padEnd(22)}${'paper'.padStart(10)}${resolutions.map((n) => `ours ${n}²`.padStart(12)).join('')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const r of rows) {
    const paper = `${r.approximate ? '~' : ''}${fmtRatio(r.paper)}`;
    lines.push(
      `${r.label.padEnd(22)}${paper.padStart(10)}${resolutions
        .map((n) => {
          const v = r.ours.get(n);
          return (v === null || v === undefined ? '–' : fmtRatio(v)).padStart(12);
        })
        .join('')}`,
    );
  }
  lines.push(
    `paper: one datacenter GPU, Euler 512², ensemble 16, 16 AB steps (docs/reference-results.md §6); ~ = from an order-of-magnitude figure.`,
  );
  lines.push(`ours: this machine's backend; ${rateNote}. Ratios only: absolute times are not comparable.`);
  return lines;
}

const fmtSeconds = (s: number) => (s >= 1 ? `${s.toFixed(2)} s` : s >= 1e-3 ? `${(s * 1e3).toFixed(1)} ms` : `${(s * 1e6).toFixed(0)} µs`);

/** Seconds per state: one row per method (× compression rate), one column per resolution. */
export function formatCostTable(timings: readonly EmulationTiming[]): string[] {
  const resolutions = [...new Set(timings.map((t) => t.resolution))].sort((a, b) => a - b);
  const order: Method[] = ['simulator', 'pixel-ns', 'ns', 'pixel-dm', 'dm'];
  const keys = [...new Set(timings.map((t) => `${t.method}|${t.compressionRate}`))].sort((a, b) => {
    const [ma, ra] = a.split('|');
    const [mb, rb] = b.split('|');
    return order.indexOf(ma as Method) - order.indexOf(mb as Method) || Number(ra) - Number(rb);
  });
  const head = `${'seconds per state'.padEnd(22)}${resolutions.map((n) => `${n}²`.padStart(12)).join('')}   members (per resolution)`;
  const lines = [head, '-'.repeat(head.length)];
  for (const key of keys) {
    const [method, rate] = key.split('|') as [Method, string];
    const rows = resolutions.map((n) =>
      timings.find((t) => t.method === method && t.resolution === n && String(t.compressionRate) === rate),
    );
    const label = `${LABEL[method]}${method === 'ns' || method === 'dm' ? ` ${rate}×` : ''}`;
    const members = method === 'simulator' ? '' : rows.map((t) => t?.members ?? '–').join('/');
    lines.push(`${label.padEnd(22)}${rows.map((t) => (t ? fmtSeconds(t.secondsPerState.value) : '–').padStart(12)).join('')}   ${members}`);
  }
  return lines;
}
