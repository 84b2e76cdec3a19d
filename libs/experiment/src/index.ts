// Public entry of @lola-ts/experiment (see README.md).

// Stages, runs and recipes (README.md "Stages, runs and recipes")
export { AUGMENTATIONS, TRANSFORMS, trainFields, type TrainDefaults } from './stages/shared.js';
export { aeStageSchema, loadAeStageConfig, checkAeStageConfig, dcaeConfigOf, lossWeightsOf, type AeStageConfig } from './stages/ae.js';
export {
  emulatorStageSchema,
  loadEmulatorStageConfig,
  checkEmulatorStageConfig,
  type EmulatorStageConfig,
  type EmulatorKind,
} from './stages/emulator.js';
export { readAeStageFile, readEmulatorStageFile } from './stages/read.js';
export { cacheManifestSchema, type CacheManifest, type CacheSettings } from './stages/cache.js';
export { STAGES, manifestFile, type Stage } from './runs/stage.js';
export { inferLegacyStage } from './runs/legacy.js';
export {
  readRunManifest,
  readCacheManifest,
  type RunManifest,
  type AeRunManifest,
  type CacheRunManifest,
  type EmulatorRunManifest,
} from './runs/manifest.js';
export { parseEmulatorData, type EmulatorRunData } from './runs/emulator-data.js';
export { runCheckpoint, type CheckpointChoice } from './runs/checkpoint.js';
export { openStageRun } from './runs/writer.js';
export { loadAutoencoderRun, type AutoencoderRun } from './runs/autoencoder-run.js';
export { loadEmulatorRun, type EmulatorRun } from './runs/emulator-run.js';
export { type TrainRecipeOptions, type TrainRecipeResult } from './recipes/common.js';
export { trainAutoencoder, type TrainAeOptions, type TrainAeResult } from './recipes/train-autoencoder.js';
export { trainEmulator, type TrainEmulatorOptions, type TrainEmulatorResult } from './recipes/train-emulator.js';
export { cacheLatents, type CacheOptions, type SplitSummary } from './recipes/cache-latents.js';
export { trajectoryDraws, drawKey, MAX_REDRAWS } from './recipes/augment-draws.js';
export { openSnapshots, snapshotStats, readBatch, transformByIndex } from './recipes/snapshots.js';
export { openLatentWindows, openPixelWindows, type WindowBatch, type WindowSource } from './recipes/windows.js';
export { writeTinyEulerDataset, writeTinyLatentCache, type FixtureOptions } from './testing/fixtures.js';
export { QUIET, checkpointWeights, trainLosses, testRoot } from './testing/runs.js';
