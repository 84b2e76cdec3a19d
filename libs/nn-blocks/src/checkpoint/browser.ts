// The browser-safe part of the checkpoint module (no node:fs): safetensors bytes and tensor entries.
export {
  encodeSafetensors,
  decodeSafetensors,
  type SafetensorsDtype,
  type SafetensorsArray,
  type SafetensorsEntry,
  type SafetensorsContent,
} from './safetensors.js';
export { tensorsToEntries, entriesToTensors, loadWeightsFromBytes } from './entries.js';
