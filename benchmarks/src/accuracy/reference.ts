/**
 * Our VRMSE cells beside the paper's reference suite (docs/reference-results.md §2, §9), paired by
 * `@lola-ts/experiment`'s `paperRowFor` (dataset, method, rank of compression) and the j-th bin
 * (by start) ↔ the paper's j-th bin, as the evaluator's report and the dashboard pair them.
 * Δ% = 100·(ours − paper)/paper. Scales differ (resolution, data, model size, rates, bins):
 * compare trends, not values.
 */
import { baselineRank, isBaseline, paperRowFor } from '@lola-ts/experiment';
import { PAPER_LEAD_TIME_BINS, paperDatasetOf } from '@lola-ts/metrics';
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

/** Joins each cell with the paper's value (null where the paper has none). */
export function joinPaper(cells: readonly AccuracyCell[]): JoinedCell[] {
  const groupOf = (c: AccuracyCell) => `${c.dataset}|${c.commit ?? ''}`;
  return cells.map((c) => {
    const none = { ...c, paper: null, deltaPercent: null };
    const ours = cells.filter((o) => groupOf(o) === groupOf(c) && o.method === c.method).map((o) => o.compressionRate);
    const row = paperRowFor(c.dataset, c.method, c.compressionRate, ours);
    const bins = [...new Set(cells.filter((o) => groupOf(o) === groupOf(c)).map((o) => o.leadTimeBin[0]))].sort((a, b) => a - b);
    const j = bins.indexOf(c.leadTimeBin[0]);
    const value = row?.vrmse[j];
    if (!row || value === undefined) return none;
    const paper: PaperReference = {
      dataset: row.dataset,
      method: row.method,
      compressionRate: row.compressionRate,
      leadTimeBin: [...PAPER_LEAD_TIME_BINS[row.dataset][j]!],
      vrmse: value,
    };
    return { ...c, paper, deltaPercent: (100 * (c.vrmse - value)) / value };
  });
}

const rateLabel = (r: number) => (r === 1 ? 'pixel' : `${r}×`);
/** The evaluator's reference methods (lola-eval score) are computed from the truth, at no compression; listed last. */
const methodRateLabel = (method: string, r: number) => (isBaseline(method) ? '—' : rateLabel(r));
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
      return baselineRank(ma!) - baselineRank(mb!) || ma!.localeCompare(mb!) || Number(ra) - Number(rb);
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
