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

// Records, identity and provenance (docs/architecture.md §5): see README "Records, identity and provenance".
export { type Better, type Measure, type ReadMeasure, timeMeasure, checkMeasures } from './records/measure.js';
export {
  type Axes,
  type BenchRecord,
  type ReadRecord,
  type RecordInput,
  makeRecord,
  IDENTITY_AXES,
  identityKey,
} from './records/record.js';
export {
  type MeasureName,
  type Setting,
  type EvaluationRecord,
  type CurvePoint,
  type SpectrumRecord,
  type BaselineName,
  MEASURE_NAMES,
  BASELINES,
  isBaseline,
  baselineRank,
} from './records/evaluation.js';
export {
  parseJsonl,
  readJsonl,
  parseRecords,
  readRecordFile,
  writeFileAtomic,
  writeJsonl,
  appendRecords,
  sidecar,
} from './records/jsonl.js';
export { readRecordPaths, readRecordDir } from './records/files.js';
export { recordWhere, checkEvaluationRecord } from './records/validate.js';
export { recordsToCsv } from './records/csv.js';
export { LOCAL_COMMIT, commitKeyer, recordCommitKeyer } from './records/commits.js';
export { type CellRecord, type TableCell, type GroupedCell, groupCells, tableByRateAndBin, distinctBins } from './records/table.js';
export { paperMethodOf, paperRowFor, paperBinsOf } from './records/paper.js';
export { type Identity, DEFAULT_PACKAGES, captureIdentity, installedVersions, gitCommit, gitDirty } from './provenance/identity.js';
export { type Environment, captureEnvironment } from './provenance/environment.js';
export { renderVegaLiteSvg } from './report/svg.js';
// End of records, identity and provenance.
