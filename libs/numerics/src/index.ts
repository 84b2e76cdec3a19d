// Public entry of @lola-ts/numerics (see README.md): seeded random numbers, the FFT and small array
// helpers, with no tfjs dependency.
export * from './random/index.js';
export * from './fft/index.js';
export * from './array/index.js';
