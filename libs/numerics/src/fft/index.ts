export { isPowerOfTwo, assertPowerOfTwo, cachedPlanCount, type FftNorm, type FftOptions } from './plan.js';
export { fft, ifft, fftfreq } from './fft1d.js';
export { rfftRows, irfftRows, type ComplexArrays, type RealArray } from './rfft.js';
export { fft2d, ifft2d, rfft2d, irfft2d, fftColumns, transpose, type Irfft2dOptions } from './fft2d.js';
export { fftn, ifftn, fftnReal, powerSpectrumNd } from './fftnd.js';
