export { loadPipelineConfig, parsePipelineConfig, type PipelineConfig, type StageConfig, type Resources } from './config.js';
export { planPipeline, stateDir, type ElementSpec, type StagePlan } from './graph.js';
export { runElement, readSpec } from './element.js';
export { runLocal } from './local.js';
export { submitSlurm, batchScript, type Submission } from './slurm.js';
export { pipelineStatus, formatStatus } from './status.js';
export { waitForJobs } from './wait.js';
