/**
 * LoLa's spectrum errors (docs/method.md §13.4), per frame t, field c and isotropic bin k:
 *   p_u  = isotropic power spectrum of the truth frame u (ortho FFT, docs/method.md §13.3);
 *   p_v  = mean over samples of each sample's spectrum (not the spectrum of the mean);
 *   c_uv = mean over samples of the bin average of |F_u · conj(F_{v_s})|;
 *   se_p = (1 − (p_v + 1e-6)/(p_u + 1e-6))²;
 *   se_c = (1 − (c_uv + 1e-6)/√(p_u·p_v + 1e-12))²;
 * and the band values √(mean se over the bins of the low/mid/high bands) (`lolaSpectralBands`).
 */
import { LOLA_SPECTRUM_EPS, LOLA_SPECTRUM_EPS2 } from '../core/conventions.js';
import { ensembleLayout, type LolaInputs } from '../core/ensemble.js';
import type { NdArray } from '../core/ndarray.js';
import { extractField } from '../core/strided.js';
import { bandValue, lolaSpectralBands, SPECTRAL_BAND_NAMES, type SpectralBandName } from '../spectrum/bands.js';
import { binAverage, isotropicBinning } from '../spectrum/isotropic.js';
import { modalPower } from '../spectrum/modes.js';

/** Per-bin spectra and squared errors, each with shape [T, C, B]. */
export interface LolaSpectrumErrors {
  /** Bin labels (upper edges), cycles/pixel, length B. */
  k: Float64Array;
  truthPower: NdArray<Float64Array>;
  predictionPower: NdArray<Float64Array>;
  crossSpectrum: NdArray<Float64Array>;
  powerError: NdArray<Float64Array>;
  crossError: NdArray<Float64Array>;
}

/**
 * Isotropic spectra of truth u [T, ...space, C] and ensemble v [S, T, ...space, C], and the squared
 * power and cross-spectrum errors per bin (docs/method.md §13.4). Spatial sizes must be powers of two.
 */
export function lolaSpectrumErrors({ truth, ensemble, bins }: LolaInputs & { bins?: number }): LolaSpectrumErrors {
  const layout = ensembleLayout(truth, ensemble, 'lolaSpectrumErrors');
  const binning = isotropicBinning(layout.space, bins);
  const { frames: T, channels: C, members: S } = layout;
  const B = binning.bins;
  const M = binning.modes.modes;
  const shape = [...layout.lead, C, B];
  const pu = new Float64Array(T * C * B);
  const pv = new Float64Array(T * C * B);
  const cuv = new Float64Array(T * C * B);
  const field = new Float64Array(layout.points);
  const powU = new Float64Array(M);
  const ampU = new Float64Array(M);
  const powV = new Float64Array(M);
  const accV = new Float64Array(M);
  const accC = new Float64Array(M);
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < C; c++) {
      const o = (t * C + c) * B;
      modalPower(extractField(truth.data, layout, t, c, field), binning.modes, powU);
      for (let m = 0; m < M; m++) ampU[m] = Math.sqrt(powU[m]);
      accV.fill(0);
      accC.fill(0);
      for (let s = 0; s < S; s++) {
        modalPower(extractField(ensemble.data, layout, t, c, field, s * T), binning.modes, powV);
        for (let m = 0; m < M; m++) {
          accV[m] += powV[m];
          accC[m] += ampU[m] * Math.sqrt(powV[m]); // |F_u · conj F_v| = |F_u|·|F_v|
        }
      }
      for (let m = 0; m < M; m++) {
        accV[m] /= S;
        accC[m] /= S;
      }
      binAverage(powU, binning, pu.subarray(o, o + B));
      binAverage(accV, binning, pv.subarray(o, o + B));
      binAverage(accC, binning, cuv.subarray(o, o + B));
    }
  }
  const sep = new Float64Array(T * C * B);
  const sec = new Float64Array(T * C * B);
  for (let i = 0; i < sep.length; i++) {
    sep[i] = (1 - (pv[i] + LOLA_SPECTRUM_EPS) / (pu[i] + LOLA_SPECTRUM_EPS)) ** 2;
    sec[i] = (1 - (cuv[i] + LOLA_SPECTRUM_EPS) / Math.sqrt(pu[i] * pv[i] + LOLA_SPECTRUM_EPS2)) ** 2;
  }
  const nd = (data: Float64Array): NdArray<Float64Array> => ({ data, shape });
  return { k: binning.k, truthPower: nd(pu), predictionPower: nd(pv), crossSpectrum: nd(cuv), powerError: nd(sep), crossError: nd(sec) };
}

/** Band values of one error kind, each [T, C]. */
export type BandErrors = Record<SpectralBandName, NdArray<Float64Array>>;

/** LoLa's band errors: power-spectrum (`psdErrorLow/Mid/High` in records) and cross-spectrum. */
export interface LolaSpectrumBandErrors {
  /** Band edges b_0..b_3, cycles/pixel. */
  bandEdges: Float64Array;
  power: BandErrors;
  cross: BandErrors;
}

/**
 * Band errors √(mean se over the bins of each band) for the power and cross spectra, per frame
 * and field, shape [T, C] (docs/method.md §13.4). A band without bins (tiny grids) gives NaN.
 */
export function lolaSpectrumBandErrors({ truth, ensemble, bins }: LolaInputs & { bins?: number }): LolaSpectrumBandErrors {
  const errors = lolaSpectrumErrors({ truth, ensemble, bins });
  const bands = lolaSpectralBands(errors.k);
  const B = errors.k.length;
  const lead = errors.powerError.shape.slice(0, -1);
  const n = errors.powerError.data.length / B;
  const reduce = (se: Float64Array): BandErrors => {
    const out = {} as BandErrors;
    for (const name of SPECTRAL_BAND_NAMES) {
      const data = new Float64Array(n);
      for (let i = 0; i < n; i++) data[i] = bandValue(se, bands[name], i * B);
      out[name] = { data, shape: lead };
    }
    return out;
  };
  return { bandEdges: bands.edges, power: reduce(errors.powerError.data), cross: reduce(errors.crossError.data) };
}
