/**
 * The record model of the benchmarks is `@lola-ts/experiment`'s (records, identity, environment,
 * JSON lines); this barrel keeps the suites' imports short.
 */
export {
  appendRecords,
  captureEnvironment,
  captureIdentity,
  makeRecord,
  timeMeasure,
  type Axes,
  type BenchRecord,
  type Environment,
  type Identity,
  type Measure,
  type RecordInput,
} from '@lola-ts/experiment';
