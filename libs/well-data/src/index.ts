// Public entry of @lola-ts/well-data. See README.md for the API and notes.
export * from './random/index.js';

export { WellFormatError } from './errors.js';
export { BOOL_DTYPE } from './h5/booleans.js';
export { BoundaryCode, BOUNDARY_TYPES } from './schema/types.js';
export type {
  BoundaryType,
  TensorOrder,
  FieldSchema,
  ScalarSchema,
  BoundaryGroupSchema,
  CoordinateSchema,
  WellFileSchema,
} from './schema/types.js';
export {
  componentSuffixes,
  fieldChannelNames,
  variableFields,
  constantFields,
  variableChannelNames,
  constantChannelNames,
  variableScalarNames,
  constantScalarNames,
} from './schema/channels.js';
export { boundaryCodes, type BoundaryMaskInput } from './schema/boundary.js';
export { openWellFile, WellFile, type TimeWindow, type ChannelsLast, type TrajectoryScalars } from './io/well-file.js';
export { createWellFile, WellFileWriter, PARTIAL_SUFFIX, type WellWriteOptions } from './writer/well-writer.js';
export type { WellWriteSchema, WellFieldSpec, WellScalarSpec, BoundarySpec } from './writer/spec.js';
export { probeHdf5File } from './h5/probe.js';
export { writeFuzzBaseFile, mutateBytes, formatMutations, parseMutations, type ByteMutation } from './fuzz/mutate.js';
export { readWholeWellFile, type ReadOutcome } from './fuzz/read-all.js';
export { ensureDir, ensureParentDir } from './fs/ensure-dir.js';

export { findWellFiles, resolveWellSplit, openWellFiles, type WellSplit, type WellSplitLocation } from './dataset/directory.js';
export { windowsPerTrajectory, maximumStrideForStart, WindowIndex, type WindowOptions, type WindowLocation } from './dataset/windows.js';
export type { WellSample, Tensor32, Tensor64 } from './dataset/sample.js';
export { channelIndex, byChannelIndex } from './dataset/channel-indices.js';
export { WellDataset, type WellDatasetOptions } from './dataset/well-dataset.js';
export { NonFiniteDataError, assertFiniteBlock, firstNonFinite, type BlockOrigin } from './dataset/finite.js';

export {
  ZScoreNormalization,
  RMSNormalization,
  flattenStat,
  type WellStats,
  type FieldStat,
  type WellNormalization,
  type NormalizationMode,
} from './transforms/normalization.js';
export {
  FIELD_TRANSFORMS,
  fieldPreprocess,
  fieldPostprocess,
  type FieldTransformName,
  type FieldPreprocessing,
} from './transforms/field-transforms.js';
export { computePreprocessStats, type PreprocessStats } from './transforms/preprocess-stats.js';
export {
  drawAugmentation,
  applyAugmentation,
  LOG_SCALAR_NAMES,
  type AugmentationName,
  type AugmentationDraw,
  type AugmentationProbabilities,
  type TrajectoryPiece,
  type ChannelLayout,
} from './transforms/augment.js';
export { trajectoryPiece, fieldLayouts } from './transforms/trajectory-piece.js';

export { computeWellStats, computeDatasetStats, writeStatsYaml, type StatsOptions } from './stats/compute.js';
export { formatStatsYaml, parseStatsYaml, emitYaml } from './stats/yaml.js';
export { formatPythonE } from './stats/format.js';
export { wellMetadata, formatMetadataYaml, writeMetadataYaml, type WellMetadata } from './stats/metadata.js';

export { createLatentStore, openLatentStore, LatentStore, LatentStoreWriter, type LatentStoreMeta } from './latent/store.js';
export { LatentDataset, type LatentSample, type LatentDatasetOptions } from './latent/dataset.js';
