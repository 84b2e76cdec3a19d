// Browser entry of @lola-ts/emulation (the `browser` export condition); index.ts re-exports it.
// Run directories are read by @lola-ts/experiment; rebuild a run in a page with emulatorFromConfig.
export {
  drawContext,
  contextMaskRow,
  randomContextMask,
  firstStatesMask,
  contextCountProbabilities,
  type MaskRandom,
  type ContextMaskOptions,
  type ContextDraw,
} from './context-mask.js';
export { buildLabel, datasetLogsScalars, type LabelOptions } from './labels.js';
export { windowCount, windowIndices, trajectoryWindow } from './windows.js';
export { rollout, type Emulate, type EmulateRequest, type RolloutOptions } from './rollout.js';
export { diffusionEmulator, solverEmulator, type DiffusionEmulatorOptions } from './emulators.js';
export { chunkSizes, mapFrames, encodeTrajectory, decodeTrajectory, type FrameCodec } from './trajectories.js';
export { parseModelConfig, parseEmulatorConfig, emulatorFromConfig, type EmulatorModel } from './model-config.js';
