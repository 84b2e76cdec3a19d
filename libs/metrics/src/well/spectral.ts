/**
 * The Well's binned spectral MSE (docs/well-format.md §6, `binned_spectral_mse`), per lead index and
 * channel, x = prediction, y = target, N spatial points, d spatial axes:
 *   wavenumbers 2π·fftfreq(n_a) per axis, |k| the Euclidean norm (radians/pixel);
 *   default edges logspace(log10(2π/max n_a), log10(π√d + 1e-6), 4) with the first edge set to 0,
 *   i.e. 3 bins (low, mid, high); bin i is edge_i ≤ |k| < edge_{i+1};
 *   mse_bin_i  = Σ_{k ∈ bin i} |FFT(x−y)|² / N²   (bins sum to the MSE, by Parseval);
 *   nmse_bin_i = mse_bin_i / (Σ_{k ∈ bin i} |FFT y|² / N² + 1e-7).
 * FFT unnormalised here (|FFT|²/N² = |ortho FFT|²/N). Spatial sizes must be powers of two.
 */
import { WELL_EPS } from '../core/conventions.js';
import type { NdArray } from '../core/ndarray.js';
import { extractField } from '../core/strided.js';
import { modalPower, spectralModes } from '../spectrum/modes.js';
import { wellLayout, type WellInputs } from './inputs.js';

/** The Well's default bin edges (radians/pixel) for a spatial shape: [0, e_1, e_2, e_3]. */
export function wellSpectralBinEdges(spatialShape: readonly number[]): Float64Array {
  const a = Math.log10((2 * Math.PI) / Math.max(...spatialShape));
  const b = Math.log10(Math.PI * Math.sqrt(spatialShape.length) + 1e-6);
  const edges = new Float64Array(4);
  for (let j = 1; j < 4; j++) edges[j] = 10 ** (a + ((b - a) * j) / 3);
  edges[0] = 0;
  return edges;
}

/** Per-bin MSE and NMSE, each with shape [...lead, C, bins] (keys spectral_error_{mse,nmse}_per_bin_i). */
export interface WellBinnedSpectralMse {
  /** Bin edges in radians/pixel (length bins + 1). */
  edges: Float64Array;
  mse: NdArray<Float64Array>;
  nmse: NdArray<Float64Array>;
}

/** The Well's binned spectral MSE and NMSE (docs/well-format.md §6); `binEdges` overrides the default. */
export function wellBinnedSpectralMse(inputs: WellInputs & { binEdges?: Float64Array }): WellBinnedSpectralMse {
  const layout = wellLayout(inputs, 'wellBinnedSpectralMse');
  const modes = spectralModes(layout.space);
  const edges = inputs.binEdges ?? wellSpectralBinEdges(layout.space);
  const nb = edges.length - 1;
  if (nb < 1) throw new Error(`wellBinnedSpectralMse: binEdges has ${edges.length} entries; expected at least 2`);
  const bin = new Int32Array(modes.modes).fill(-1);
  for (let m = 0; m < modes.modes; m++) {
    const k = 2 * Math.PI * modes.kAbs[m];
    for (let i = 0; i < nb; i++) {
      if (edges[i] <= k && k < edges[i + 1]) {
        bin[m] = i;
        break;
      }
    }
  }
  const { frames: T, channels: C, points: N } = layout;
  const x = inputs.prediction.data;
  const y = inputs.target.data;
  const mse = new Float64Array(T * C * nb);
  const nmse = new Float64Array(T * C * nb);
  const diff = new Float64Array(N);
  const field = new Float64Array(N);
  const pd = new Float64Array(modes.modes);
  const py = new Float64Array(modes.modes);
  const sd = new Float64Array(nb);
  const sy = new Float64Array(nb);
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < C; c++) {
      extractField(y, layout, t, c, field);
      const o = t * N * C + c;
      for (let p = 0; p < N; p++) diff[p] = x[o + p * C] - field[p];
      modalPower(diff, modes, pd);
      modalPower(field, modes, py);
      sd.fill(0);
      sy.fill(0);
      for (let m = 0; m < modes.modes; m++) {
        const b = bin[m];
        if (b < 0) continue;
        sd[b] += modes.weight[m] * pd[m];
        sy[b] += modes.weight[m] * py[m];
      }
      const r = (t * C + c) * nb;
      for (let i = 0; i < nb; i++) {
        // Σ_bin |FFT|²/N² = Σ_bin |F_ortho|²/N (ortho power = |FFT|²/N).
        mse[r + i] = sd[i] / N;
        nmse[r + i] = sd[i] / N / (sy[i] / N + WELL_EPS);
      }
    }
  }
  const shape = [...layout.lead, C, nb];
  return { edges, mse: { data: mse, shape }, nmse: { data: nmse, shape } };
}
