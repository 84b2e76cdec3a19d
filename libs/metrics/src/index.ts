// Public entry of @lola-ts/metrics.

// The FFT module moved to @lola-ts/numerics; these names stay here for old imports.
/** @deprecated import from @lola-ts/numerics */
export {
  isPowerOfTwo,
  assertPowerOfTwo,
  cachedPlanCount,
  fft,
  ifft,
  fftfreq,
  rfftRows,
  irfftRows,
  fft2d,
  ifft2d,
  rfft2d,
  irfft2d,
  fftColumns,
  transpose,
  fftn,
  ifftn,
  fftnReal,
  powerSpectrumNd,
  type FftNorm,
  type FftOptions,
  type ComplexArrays,
  type RealArray,
  type Irfft2dOptions,
} from '@lola-ts/numerics';

// Array conventions (channels-last: truth [T, ...space, C], ensemble [S, T, ...space, C]).
export { sizeOf, shapeText, checkNdArray, fieldLayout, type FloatArray, type NdArray, type FieldLayout } from './core/ndarray.js';
export { ensembleLayout, ensembleMean, type EnsembleLayout, type LolaInputs } from './core/ensemble.js';
export { LOLA_EPS, LOLA_SPREAD_SKILL_EPS, LOLA_SPECTRUM_EPS, LOLA_SPECTRUM_EPS2, WELL_EPS } from './core/conventions.js';

// LoLa's metrics (docs/method.md §13).
export { lolaMse, lolaRmse, lolaVrmse, lolaNrmse, lolaConservedTotalError } from './lola/pointwise.js';
export { lolaSpread, lolaSkill, lolaSpreadSkill } from './lola/spread-skill.js';
export { lolaPointwiseMetrics, type LolaPointwiseMetrics } from './lola/all.js';
export {
  lolaSpectrumErrors,
  lolaSpectrumBandErrors,
  type LolaSpectrumErrors,
  type LolaSpectrumBandErrors,
  type BandErrors,
} from './lola/spectrum-errors.js';

// Isotropic spectra and bands (docs/method.md §13.3–13.4).
export { spectralModes, modalPower, type SpectralModes } from './spectrum/modes.js';
export {
  isotropicBinning,
  defaultIsotropicBins,
  binAverage,
  isotropicPowerSpectrum,
  isotropicPowerSpectra,
  type IsotropicBinning,
} from './spectrum/isotropic.js';
export { lolaSpectralBands, bandValue, SPECTRAL_BAND_NAMES, type SpectralBands, type SpectralBandName } from './spectrum/bands.js';

// The Well's metrics (docs/well-format.md §6).
export { type WellInputs } from './well/inputs.js';
export {
  wellMse,
  wellMae,
  wellRmse,
  wellNmse,
  wellNrmse,
  wellVmse,
  wellVrmse,
  wellLInfinity,
  wellNmae,
  wellPearsonR,
  type WellNormMode,
} from './well/pointwise.js';
export { wellBinnedSpectralMse, wellSpectralBinEdges, type WellBinnedSpectralMse } from './well/spectral.js';

// Published reference numbers (paper tables, timings, Well baselines).
export * from './reference/index.js';
