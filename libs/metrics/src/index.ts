// Public entry of @lola-ts/metrics.

// FFT module (fft.js behind a project-owned API; also used by the simulators).
export { isPowerOfTwo, assertPowerOfTwo, cachedPlanCount, type FftNorm, type FftOptions } from './fft/plan.js';
export { fft, ifft, fftfreq } from './fft/fft1d.js';
export { rfftRows, irfftRows, type ComplexArrays, type RealArray } from './fft/rfft.js';
export { fft2d, ifft2d, rfft2d, irfft2d, fftColumns, transpose, type Irfft2dOptions } from './fft/fft2d.js';
export { fftn, ifftn, fftnReal, powerSpectrumNd } from './fft/fftnd.js';
