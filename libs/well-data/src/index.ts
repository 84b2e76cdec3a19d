// Public entry of @lola-ts/well-data (Node; see README.md): the browser entry (browser.ts) plus reading and
// writing HDF5 files, dataset directories, stats files and the latent store.
export * from './browser.js';

export { BOOL_DTYPE } from './h5/booleans.js';
export { openWellFile, WellFile, type TimeWindow, type ChannelsLast, type TrajectoryScalars } from './io/well-file.js';
export { createWellFile, WellFileWriter, PARTIAL_SUFFIX, type WellWriteOptions } from './writer/well-writer.js';
export type { WellWriteSchema, WellFieldSpec, WellScalarSpec, BoundarySpec } from './writer/spec.js';
export { probeHdf5File } from './h5/probe.js';
export { writeFuzzBaseFile, mutateBytes, formatMutations, parseMutations, type ByteMutation } from './fuzz/mutate.js';
export { readWholeWellFile, type ReadOutcome } from './fuzz/read-all.js';
export { ensureDir, ensureParentDir } from './fs/ensure-dir.js';
export { findWellFiles, resolveWellSplit, openWellFiles, type WellSplit, type WellSplitLocation } from './dataset/directory.js';
export { WellDataset, type WellDatasetOptions } from './dataset/well-dataset.js';
export { NonFiniteDataError, assertFiniteBlock, firstNonFinite, type BlockOrigin } from './dataset/finite.js';
export { computePreprocessStats, type PreprocessStats } from './transforms/preprocess-stats.js';
export { computeWellStats, computeDatasetStats, writeStatsYaml, type StatsOptions } from './stats/compute.js';
export { wellMetadata, formatMetadataYaml, writeMetadataYaml, type WellMetadata } from './stats/metadata.js';
export { createLatentStore, openLatentStore, LatentStore, LatentStoreWriter, type LatentStoreMeta } from './latent/store.js';
export { LatentDataset, type LatentSample, type LatentDatasetOptions } from './latent/dataset.js';
