/**
 * Our VRMSE cells beside the paper's reference suite (docs/reference-results.md §2, §9), joined on
 * (dataset, method, rank of compression, rank of lead-time bin):
 * - dataset: `paperDatasetOf` (Euler open/periodic → `euler`, ...);
 * - method: `pixel-ns` (or `ns` at rate 1) ↔ the paper's pixel NS (rate 1); `ae`, `dm`, `ns` at
 *   rates > 1 ↔ the same method, our i-th lowest rate ↔ the paper's rate at index
 *   round(i·(P−1)/(O−1)) among its P rates (O = our rate count; lowest ↔ lowest), as the
 *   evaluator's report and the dashboard pair them;
 * - lead-time bin: our j-th bin (by start) ↔ the paper's j-th bin (there are 3).
 * Δ% = 100·(ours − paper)/paper. Scales differ (resolution, data, model size, rates, bins):
 * compare trends, not values.
 */
import { PAPER_LEAD_TIME_BINS, PAPER_VRMSE, paperDatasetOf } from '@lola-ts/metrics';
import type { AccuracyCell } from './aggregate.js';

export interface PaperReference {
  dataset: string;
  method: string;
  compressionRate: number;
  leadTimeBin: [number, number];
  vrmse: number;
}

export interface JoinedCell extends AccuracyCell {
  paper: PaperReference | null;
  /** 100·(ours − paper)/paper, null without a paper value. */
  deltaPercent: number | null;
}

const paperMethodOf = (method: string, rate: number): { method: string; pixel: boolean } | null => {
  if (method === 'pixel-ns' || (method === 'ns' && rate === 1)) return { method: 'ns', pixel: true };
  if ((method === 'ae' || method === 'dm' || method === 'ns') && rate > 1) return { method, pixel: false };
  return null;
};

/** Joins each cell with the paper's value (null where the paper has none). */
export function joinPaper(cells: readonly AccuracyCell[]): JoinedCell[] {
  const groupOf = (c: AccuracyCell) => `${c.dataset}|${c.commit ?? ''}`;
  return cells.map((c) => {
    const none = { ...c, paper: null, deltaPercent: null };
    const dataset = paperDatasetOf(c.dataset);
    const pm = paperMethodOf(c.method, c.compressionRate);
    if (!dataset || !pm) return none;
    const rows = PAPER_VRMSE.filter((r) => r.dataset === dataset && r.method === pm.method);
    let paperRate: number | undefined;
    if (pm.pixel) paperRate = rows.some((r) => r.compressionRate === 1) ? 1 : undefined;
    else {
      const theirs = [...new Set(rows.filter((r) => r.compressionRate > 1).map((r) => r.compressionRate))].sort((a, b) => a - b);
      const ours = [
        ...new Set(
          cells.filter((o) => groupOf(o) === groupOf(c) && o.method === c.method && o.compressionRate > 1).map((o) => o.compressionRate),
        ),
      ].sort((a, b) => a - b);
      if (theirs.length)
        paperRate = theirs[Math.round((ours.indexOf(c.compressionRate) * (theirs.length - 1)) / Math.max(1, ours.length - 1))];
    }
    const row = rows.find((r) => r.compressionRate === paperRate);
    const bins = [...new Set(cells.filter((o) => groupOf(o) === groupOf(c)).map((o) => o.leadTimeBin[0]))].sort((a, b) => a - b);
    const j = bins.indexOf(c.leadTimeBin[0]);
    const value = row?.vrmse[j];
    if (!row || value === undefined) return none;
    const paper: PaperReference = {
      dataset,
      method: pm.method,
      compressionRate: row.compressionRate,
      leadTimeBin: [...PAPER_LEAD_TIME_BINS[dataset][j]!],
      vrmse: value,
    };
    return { ...c, paper, deltaPercent: (100 * (c.vrmse - value)) / value };
  });
}

const rateLabel = (r: number) => (r === 1 ? 'pixel' : `${r}×`);
/** The evaluator's reference methods (lola-eval score): computed from the truth, at no compression; listed last. */
const BASELINES = ['persistence', 'mean'];
const methodRateLabel = (method: string, r: number) => (BASELINES.includes(method) ? '—' : rateLabel(r));
const pct = (x: number | null) => (x === null ? '' : `${x >= 0 ? '+' : ''}${x.toFixed(0)}%`);

/** The table, one block per (dataset, commit): rows method × rate, columns per bin "ours | paper | Δ%". */
export function formatAccuracyTable(joined: readonly JoinedCell[]): string[] {
  const lines: string[] = [];
  const groups = [...new Set(joined.map((c) => `${c.dataset}|${c.commit ?? ''}`))];
  for (const g of groups) {
    const cells = joined.filter((c) => `${c.dataset}|${c.commit ?? ''}` === g);
    const { dataset, commit } = cells[0]!;
    const paperKey = paperDatasetOf(dataset);
    const bins = [...new Map(cells.map((c) => [c.leadTimeBin[0], c.leadTimeBin])).values()].sort((a, b) => a[0] - b[0]);
    lines.push(
      '',
      `VRMSE, absolute setting, mean over fields × contexts — ${dataset}${commit ? ` @ ${commit.slice(0, 10)}` : ''}${paperKey ? ` vs the paper's ${paperKey}` : ' (no paper reference for this dataset)'}`,
    );
    const head = `${'method'.padEnd(11)}${'rate'.padStart(8)}${'paper'.padStart(8)}${bins.map((b, j) => ` │ ${`ours ${b[0]}–${b[1]}`.padStart(12)}${`paper ${paperKey ? (PAPER_LEAD_TIME_BINS[paperKey][j]?.join('–') ?? '') : ''}`.padStart(13)}${'Δ%'.padStart(7)}`).join('')}`;
    lines.push(head, '-'.repeat(head.length));
    const rows = [...new Set(cells.map((c) => `${c.method}|${c.compressionRate}`))].sort((a, b) => {
      const [ma, ra] = a.split('|');
      const [mb, rb] = b.split('|');
      return BASELINES.indexOf(ma!) - BASELINES.indexOf(mb!) || ma!.localeCompare(mb!) || Number(ra) - Number(rb);
    });
    for (const key of rows) {
      const [method, rate] = key.split('|') as [string, string];
      const mine = cells.filter((c) => c.method === method && String(c.compressionRate) === rate);
      const paperRate = mine.find((c) => c.paper)?.paper?.compressionRate;
      lines.push(
        `${method.padEnd(11)}${methodRateLabel(method, Number(rate)).padStart(8)}${(paperRate === undefined ? '–' : rateLabel(paperRate)).padStart(8)}${bins
          .map((b) => {
            const c = mine.find((x) => x.leadTimeBin[0] === b[0]);
            return ` │ ${(c ? c.vrmse.toFixed(3) : '–').padStart(12)}${(c?.paper ? c.paper.vrmse.toFixed(3) : '–').padStart(13)}${pct(c?.deltaPercent ?? null).padStart(7)}`;
          })
          .join('')}`,
      );
    }
  }
  lines.push(
    '',
    'Paper: Rozet et al. 2025 (docs/reference-results.md §2): 512² Euler / RB / 64³ TGC, 64 test trajectories, 16 members, 16 AB steps,',
    'rates 48–1280, contexts 1–3. Ours: our data, resolution, model sizes, rates and lead-time bins, paired with the paper by rank.',
    'The scales differ, so Δ% is not an error bar: compare trends (AE error grows with compression, DM error stays flat across',
    'rates, DM at or below NS at long lead times, latent NS below pixel NS), not values.',
  );
  return lines;
}
