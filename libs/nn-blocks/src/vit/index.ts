export { sineEncoding, sineFrequencies } from './sine.js';
export { tokenCoordinates } from './coords.js';
export { initRopeTheta, ropeAngles, ropeTables, applyRope, pairSwapMatrix } from './rope.js';
export { patchify, unpatchify } from './patch.js';
export {
  initViTBlock,
  vitBlock,
  vitAttention,
  blockModulation,
  type ViTBlockOptions,
  type ViTBlockParams,
  type ViTMsaParams,
  type ViTBlockInputs,
} from './block.js';
export { initViT, vit, positionalEmbedding, type ViTOptions, type ViTParams, type ViTInputs } from './vit.js';
export { initModelBackbone, type ModelBackboneConfig } from './backbone.js';
export {
  initNoiseEmbedding,
  noiseEmbedding,
  initLabelEmbedding,
  labelEmbedding,
  type NoiseEmbeddingParams,
  type LabelEmbeddingParams,
} from './embedding.js';
