export { streamRng, passPermutation, BatchOrder } from './seeds.js';
export { JsonlLogger, readLog, type LogRecord } from './logger.js';
export { ProgressBar, formatDuration, type ProgressOptions } from './progress.js';
export { runPaths, openRun, diffKeys, type RunPaths, type OpenRunOptions, type OpenedRun } from './run-dir.js';
export { trainLoop, type TrainLoopOptions, type TrainLoopResult, type StepContext } from './loop.js';
export { SkippedStepsError, NonFiniteValidationError, DEFAULT_MAX_SKIPPED_FRACTION, allowedSkips } from './non-finite.js';
