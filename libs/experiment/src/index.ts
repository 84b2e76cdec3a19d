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
