export { Rng, logGamma } from './rng.js';
