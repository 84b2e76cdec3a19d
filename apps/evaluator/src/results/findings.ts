/**
 * The paper's findings checked on our VRMSE table (docs/method.md §13.1); the table itself is
 * `@lola-ts/experiment`'s `tableByRateAndBin`.
 */
import { distinctBins, type TableCell } from '@lola-ts/experiment';

export interface FindingCheck {
  /** The paper's findings (a)–(c); (p) and (m): the emulators against persistence and the mean. */
  id: 'a' | 'b' | 'c' | 'p' | 'm';
  statement: string;
  holds: boolean | null;
  evidence: string;
}

const fmt = (x: number) => x.toFixed(3);

/**
 * The paper's three findings, checked on our numbers: (a) AE error grows with compression;
 * (b) DM error varies little across rates (its max/min ratio over rates is well below the AE's);
 * (c) DM beats NS at the longest lead-time bin at every rate. `holds` is null when data are missing.
 */
export function checkFindings(cells: TableCell[]): FindingCheck[] {
  const rates = (method: string) =>
    [...new Set(cells.filter((c) => c.method === method).map((c) => c.compressionRate))].sort((a, b) => a - b);
  const meanOver = (method: string, rate: number) => {
    const xs = cells.filter((c) => c.method === method && c.compressionRate === rate);
    return xs.reduce((s, c) => s + c.value, 0) / xs.length;
  };
  const bins = distinctBins(cells);
  const last = bins.at(-1);
  const out: FindingCheck[] = [];

  const aeRates = rates('ae');
  if (aeRates.length >= 2) {
    const v = aeRates.map((r) => meanOver('ae', r));
    out.push({
      id: 'a',
      statement: 'AE reconstruction error grows with compression',
      holds: v.every((x, i) => i === 0 || x > v[i - 1]!),
      evidence: aeRates.map((r, i) => `${r}×: ${fmt(v[i]!)}`).join(', '),
    });
  } else
    out.push({
      id: 'a',
      statement: 'AE reconstruction error grows with compression',
      holds: null,
      evidence: 'needs AE records at two or more rates',
    });

  const dmRates = rates('dm');
  if (dmRates.length >= 2 && aeRates.length >= 2) {
    const dm = dmRates.map((r) => meanOver('dm', r));
    const ae = aeRates.map((r) => meanOver('ae', r));
    const dmRatio = Math.max(...dm) / Math.min(...dm);
    const aeRatio = Math.max(...ae) / Math.min(...ae);
    out.push({
      id: 'b',
      statement: 'DM error varies little across compression rates (compared with the AE error)',
      holds: dmRatio < 1.5 && dmRatio < aeRatio,
      evidence: `DM max/min over rates ${dmRatio.toFixed(2)} (paper Euler ≈ 1.1–1.3) vs AE ${aeRatio.toFixed(2)} (paper ≈ 6); DM ${dmRates.map((r, i) => `${r}×: ${fmt(dm[i]!)}`).join(', ')}`,
    });
  } else
    out.push({
      id: 'b',
      statement: 'DM error varies little across compression rates',
      holds: null,
      evidence: 'needs DM and AE records at two or more rates',
    });

  const both = dmRates.filter((r) => rates('ns').includes(r));
  if (last && both.length) {
    const pairs = both
      .map((r) => {
        const dm = cells.find((c) => c.method === 'dm' && c.compressionRate === r && c.leadTimeBin[0] === last[0])?.value;
        const ns = cells.find((c) => c.method === 'ns' && c.compressionRate === r && c.leadTimeBin[0] === last[0])?.value;
        return { r, dm, ns };
      })
      .filter((p) => p.dm !== undefined && p.ns !== undefined);
    out.push({
      id: 'c',
      statement: `DM beats NS at long lead times (bin ${last[0]}–${last[1]})`,
      holds: pairs.length ? pairs.every((p) => p.dm! < p.ns!) : null,
      evidence: pairs.map((p) => `${p.r}×: DM ${fmt(p.dm!)} vs NS ${fmt(p.ns!)}`).join(', ') || 'no common rates',
    });
  } else
    out.push({ id: 'c', statement: 'DM beats NS at long lead times', holds: null, evidence: 'needs DM and NS records at a common rate' });
  return out;
}
