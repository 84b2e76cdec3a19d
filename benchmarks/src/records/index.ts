export { captureEnvironment, captureIdentity, packageVersion } from './environment.js';
export type { Environment, Identity } from './environment.js';
export { makeRecord, timeMeasure } from './record.js';
export type { Axes, BenchRecord, Measure, RecordInput } from './record.js';
export { appendRecords } from './jsonl.js';
