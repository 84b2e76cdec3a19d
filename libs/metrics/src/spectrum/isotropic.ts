/**
 * LoLa's isotropic power spectrum (docs/method.md §13.3):
 * 1. n-D FFT with "ortho" normalisation; power |F|²;
 * 2. radial wavenumber |k| in cycles/pixel from fftfreq per axis;
 * 3. B = ⌊√d · min(shape)/2⌋ equal-width bins on [0, max|k|] (d = number of spatial axes), edges
 *    e_i = i·max|k|/B; bin i (1..B) covers (e_{i−1}, e_i]; the DC term (|k| = 0) is dropped; power is
 *    averaged within each bin (an empty bin reports 0, as the reference divides by max(count, 1)).
 * Each bin is labelled by its upper edge e_i (k[i−1] = e_i).
 */
import { fieldLayout, type NdArray } from '../core/ndarray.js';
import { extractField } from '../core/strided.js';
import { modalPower, spectralModes, type SpectralModes } from './modes.js';

/** Isotropic binning of a grid's stored modes. */
export interface IsotropicBinning {
  readonly modes: SpectralModes;
  /** Number of bins B. */
  readonly bins: number;
  /** Edges e_0 = 0, ..., e_B = max|k| (length B + 1), cycles/pixel. */
  readonly edges: Float64Array;
  /** Bin labels: the upper edges e_1..e_B (length B). */
  readonly k: Float64Array;
  /** Number of full-spectrum modes in each bin 1..B (length B). */
  readonly counts: Float64Array;
  /** Bin of each stored mode: 0 for DC (dropped), else 1..B. */
  readonly index: Int32Array;
}

const cache = new Map<string, IsotropicBinning>();

/** Default number of bins ⌊√d · min(shape)/2⌋ (docs/method.md §13.3). */
export function defaultIsotropicBins(shape: readonly number[]): number {
  return Math.floor((Math.sqrt(shape.length) * Math.min(...shape)) / 2);
}

/** The (cached) isotropic binning of a spatial grid; `bins` defaults to ⌊√d · min(shape)/2⌋. */
export function isotropicBinning(shape: readonly number[], bins?: number): IsotropicBinning {
  const B = bins ?? defaultIsotropicBins(shape);
  const key = `${shape.join('x')}:${B}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!Number.isInteger(B) || B < 1) {
    throw new Error(
      `isotropicBinning: ${B} bins for spatial shape [${shape.join(', ')}]; expected a positive integer (the grid is too small?)`,
    );
  }
  const modes = spectralModes(shape);
  let kMax = 0;
  for (const k of modes.kAbs) kMax = Math.max(kMax, k);
  const edges = new Float64Array(B + 1);
  for (let i = 0; i <= B; i++) edges[i] = (i * kMax) / B;
  edges[B] = kMax;
  const index = new Int32Array(modes.modes);
  const counts = new Float64Array(B);
  for (let m = 0; m < modes.modes; m++) {
    // Smallest i with edges[i] ≥ |k| (torch.bucketize, right=False): bin i covers (e_{i−1}, e_i].
    const k = modes.kAbs[m];
    let lo = 0;
    let hi = B;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] >= k) hi = mid;
      else lo = mid + 1;
    }
    index[m] = lo;
    if (lo > 0) counts[lo - 1] += modes.weight[m];
  }
  const res: IsotropicBinning = { modes, bins: B, edges, k: edges.slice(1), counts, index };
  cache.set(key, res);
  return res;
}

/**
 * Averages per-mode values (stored-mode order) into the B isotropic bins, weighting each stored
 * mode by its multiplicity; `out[i]` is the mean over bin i + 1 (0 when the bin is empty).
 */
export function binAverage(values: Float64Array, binning: IsotropicBinning, out?: Float64Array): Float64Array {
  const res = out ?? new Float64Array(binning.bins);
  res.fill(0);
  const { index, modes } = binning;
  const w = modes.weight;
  for (let m = 0; m < modes.modes; m++) {
    const b = index[m];
    if (b > 0) res[b - 1] += w[m] * values[m];
  }
  for (let i = 0; i < binning.bins; i++) res[i] /= Math.max(binning.counts[i], 1);
  return res;
}

/**
 * Isotropic power spectrum of one real field (row-major over `spatialShape`, power-of-two sizes):
 * power[i] = mean of |F(k)|² (ortho FFT) over the modes with e_i < |k| ≤ e_{i+1}, labelled k[i] = e_{i+1}.
 */
export function isotropicPowerSpectrum(
  field: ArrayLike<number>,
  spatialShape: readonly number[],
  options: { bins?: number } = {},
): { k: Float64Array; power: Float64Array } {
  const binning = isotropicBinning(spatialShape, options.bins);
  const f = field instanceof Float64Array ? field : Float64Array.from(field);
  return { k: binning.k, power: binAverage(modalPower(f, binning.modes), binning) };
}

/**
 * Isotropic power spectra of every frame and channel of a channels-last array [T, ...space, C]:
 * returns the bin labels k [B] and power with shape [T, C, B].
 */
export function isotropicPowerSpectra(frames: NdArray, options: { bins?: number } = {}): { k: Float64Array; power: NdArray<Float64Array> } {
  const layout = fieldLayout(frames, 'isotropicPowerSpectra: frames (expected [T, ...space, C])');
  const binning = isotropicBinning(layout.space, options.bins);
  const B = binning.bins;
  const out = new Float64Array(layout.frames * layout.channels * B);
  const field = new Float64Array(layout.points);
  const power = new Float64Array(binning.modes.modes);
  for (let t = 0; t < layout.frames; t++) {
    for (let c = 0; c < layout.channels; c++) {
      extractField(frames.data, layout, t, c, field);
      modalPower(field, binning.modes, power);
      binAverage(power, binning, out.subarray((t * layout.channels + c) * B, (t * layout.channels + c + 1) * B));
    }
  }
  return { k: binning.k, power: { data: out, shape: [...layout.lead, layout.channels, B] } };
}
