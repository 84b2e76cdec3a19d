// Browser entry of @lola-ts/autoencoders (the `browser` export condition); index.ts re-exports it.
// Run directories are read by @lola-ts/experiment; rebuild a run in a page with autoencoderFromConfig.
export { resolveDcaeConfig, downsamplingFactor, DCAE_DEFAULTS, SATURATIONS, type DcaeConfig, type Saturation } from './config.js';
export { compressionRate, latentShape } from './compression.js';
export { saturate } from './saturation.js';
export {
  l1Loss,
  mseLoss,
  vrmseLoss,
  vrmsePerChannel,
  reconstructionLoss,
  validateLossWeights,
  VRMSE_LOSS_EPS,
  LOSS_NAMES,
  type LossName,
  type LossWeights,
} from './losses.js';
export { initDcae, type Dcae, type EncoderParams, type DecoderParams, type EncoderLevel, type DecoderLevel } from './dcae.js';
export { encode, decode, reconstruct, autoencoderLoss, type ForwardOptions } from './forward.js';
export {
  parseRunData,
  parseAutoencoderConfig,
  autoencoderFromConfig,
  runPreprocessing,
  preprocessStates,
  postprocessStates,
  runCompressionRate,
  runLatentShape,
  type AutoencoderRunData,
} from './run-data.js';
