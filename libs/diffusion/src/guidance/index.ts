export { gmres } from './gmres.js';
export { subsample, downscale } from './operators.js';
export { mmpsDenoiser, type MmpsOptions } from './mmps.js';
