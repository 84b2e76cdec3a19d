export { Rng } from './rng.js';
export { logGamma } from './log-gamma.js';
export type { RandomSource } from './random-source.js';
