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
