export {
  encodeSafetensors,
  decodeSafetensors,
  type SafetensorsDtype,
  type SafetensorsArray,
  type SafetensorsEntry,
  type SafetensorsContent,
} from './safetensors.js';
export { writeFileAtomic, writeJsonAtomic, tempPathFor } from './atomic.js';
export { tensorsToEntries, entriesToTensors, loadWeightsFromBytes } from './entries.js';
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
