// Browser entry of @lola-ts/well-data (the `browser` export condition): the format's types,
// channel naming, transforms and stats text, without h5wasm's Node build or
// the file system (reading and writing HDF5 files stays in the Node entry, index.ts).
/** @deprecated import from @lola-ts/numerics */
export { Rng, logGamma } from '@lola-ts/numerics';

export { WellFormatError } from './errors.js';
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
export { windowsPerTrajectory, maximumStrideForStart, WindowIndex, type WindowOptions, type WindowLocation } from './dataset/windows.js';
export type { WellSample, Tensor32, Tensor64 } from './dataset/sample.js';
export { channelIndex, byChannelIndex } from './dataset/channel-indices.js';
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
export { formatStatsYaml, parseStatsYaml, emitYaml } from './stats/yaml.js';
export { formatPythonE } from './stats/format.js';
