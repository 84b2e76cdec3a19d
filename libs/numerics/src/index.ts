// Public entry of @lola-ts/numerics (see README.md): seeded random numbers and the FFT, no tfjs.
export * from './random/index.js';
export * from './fft/index.js';
