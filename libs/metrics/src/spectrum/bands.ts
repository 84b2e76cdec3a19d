/**
 * LoLa's three spectral bands (docs/method.md §13.4): 4 edges log-spaced in base 2 from the first bin
 * label k_0 (the first isotropic bin's upper edge) to 0.5 cycles/pixel,
 *   b_j = 2^(log2 k_0 + j·(log2 0.5 − log2 k_0)/3), j = 0..3 (b_0 = k_0 and b_3 = 0.5 exactly);
 * low = [b_0, b_1), mid = [b_1, b_2), high = [b_2, b_3] on the bin labels k; "sub" = k > 0.5 (the
 * corners beyond the Nyquist circle, not tabulated). A band value is √(mean of se over its bins).
 * Example, 512²: ≈ [1/512, 1/80.6), [1/80.6, 1/12.7), [1/12.7, 1/2].
 */

/** The band names tabulated by LoLa. */
export const SPECTRAL_BAND_NAMES = ['low', 'mid', 'high'] as const;
/** A tabulated band name. */
export type SpectralBandName = (typeof SPECTRAL_BAND_NAMES)[number];

/** Band edges and the bin indices (into k) that each band holds. */
export interface SpectralBands {
  /** b_0..b_3, cycles/pixel. */
  readonly edges: Float64Array;
  readonly low: readonly number[];
  readonly mid: readonly number[];
  readonly high: readonly number[];
  /** Bins with k > 0.5 (not tabulated). */
  readonly sub: readonly number[];
}

/** Splits isotropic bin labels k (ascending, cycles/pixel) into LoLa's low/mid/high bands. */
export function lolaSpectralBands(k: Float64Array): SpectralBands {
  if (k.length === 0) throw new Error('lolaSpectralBands: no bins; expected the isotropic bin labels k');
  const k0 = k[0];
  if (!(k0 > 0 && k0 < 0.5))
    throw new Error(`lolaSpectralBands: first bin label k_0 = ${k0}; expected 0 < k_0 < 0.5 cycles/pixel (grid too small?)`);
  const l0 = Math.log2(k0);
  const step = (-1 - l0) / 3;
  const edges = Float64Array.from([k0, 2 ** (l0 + step), 2 ** (l0 + 2 * step), 0.5]);
  const low: number[] = [];
  const mid: number[] = [];
  const high: number[] = [];
  const sub: number[] = [];
  k.forEach((kk, i) => {
    if (kk > 0.5) sub.push(i);
    else if (kk >= edges[2]) high.push(i);
    else if (kk >= edges[1]) mid.push(i);
    else if (kk >= edges[0]) low.push(i);
  });
  return { edges, low, mid, high, sub };
}

/** √(mean of se[i] over the band's bins); NaN for a band without bins. */
export function bandValue(se: ArrayLike<number>, bins: readonly number[], offset = 0): number {
  if (bins.length === 0) return NaN;
  let s = 0;
  for (const i of bins) s += se[offset + i];
  return Math.sqrt(s / bins.length);
}
