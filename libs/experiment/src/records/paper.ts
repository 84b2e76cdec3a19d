/**
 * Our table beside the paper's (docs/reference-results.md §2, §9), paired on (dataset, method,
 * rank of compression, rank of lead-time bin):
 * - dataset: metrics' `paperDatasetOf` (Euler open/periodic → `euler`, ...);
 * - method: `pixel-ns` (or `ns` at rate 1) ↔ the paper's pixel NS (rate 1); `ae`, `dm`, `ns` at
 *   rates > 1 ↔ the same method, our i-th lowest rate ↔ the paper's rate at index
 *   round(i·(P−1)/(O−1)) among its P rates (O = our rate count; lowest ↔ lowest);
 * - lead-time bin: our j-th bin (by start) ↔ the paper's j-th bin (there are 3).
 * The evaluator's report, `lola-bench accuracy` and the dashboard pair with `paperRowFor`.
 */
import { PAPER_LEAD_TIME_BINS, PAPER_VRMSE, paperDatasetOf, type PaperVrmseRow, type ReferenceMethod } from '@lola-ts/metrics';

/** The paper's method for ours, and whether it is the pixel-space baseline; null when the paper has none. */
export function paperMethodOf(method: string, rate: number): { method: ReferenceMethod; pixel: boolean } | null {
  if (method === 'pixel-ns' || (method === 'ns' && rate === 1)) return { method: 'ns', pixel: true };
  if ((method === 'ae' || method === 'dm' || method === 'ns') && rate > 1) return { method, pixel: false };
  return null;
}

/**
 * The paper's row paired with our `method` at `rate` on `dataset` (our name); `ourRates` are the
 * rates of that method in the same table (those > 1 count). Undefined where the paper has none.
 */
export function paperRowFor(
  dataset: string | undefined,
  method: string,
  rate: number,
  ourRates: readonly number[],
): PaperVrmseRow | undefined {
  const paperDataset = dataset === undefined ? undefined : paperDatasetOf(dataset);
  const pm = paperMethodOf(method, rate);
  if (!paperDataset || !pm) return undefined;
  const rows = PAPER_VRMSE.filter((r) => r.dataset === paperDataset && r.method === pm.method);
  if (pm.pixel) return rows.find((r) => r.compressionRate === 1);
  const theirs = [...new Set(rows.filter((r) => r.compressionRate > 1).map((r) => r.compressionRate))].sort((a, b) => a - b);
  const ours = [...new Set(ourRates.filter((r) => r > 1))].sort((a, b) => a - b);
  if (!theirs.length) return undefined;
  const paperRate = theirs[Math.round((ours.indexOf(rate) * (theirs.length - 1)) / Math.max(1, ours.length - 1))];
  return rows.find((r) => r.compressionRate === paperRate);
}

/** The paper's lead-time bins for our `dataset`, undefined without a paper reference. */
export function paperBinsOf(dataset: string | undefined): readonly [number, number][] | undefined {
  const paperDataset = dataset === undefined ? undefined : paperDatasetOf(dataset);
  return paperDataset ? PAPER_LEAD_TIME_BINS[paperDataset] : undefined;
}
