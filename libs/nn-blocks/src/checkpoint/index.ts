export * from './browser.js';
export { writeFileAtomic, writeJsonAtomic, tempPathFor } from './atomic.js';
export { saveSafetensors, loadSafetensors, saveWeights, loadWeights, WEIGHTS_METADATA } from './tensors.js';
export {
  saveCheckpoint,
  loadCheckpoint,
  readTrainingState,
  resolveCheckpointDir,
  checkpointExists,
  WEIGHTS_FILE,
  OPTIMIZER_FILE,
  STATE_FILE,
  type TrainingState,
  type CheckpointContents,
} from './checkpoint.js';
