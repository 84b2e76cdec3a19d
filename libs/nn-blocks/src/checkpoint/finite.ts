/**
 * Checkpoints with NaN/±Inf values are refused at load (issue 15, docs/bad-inputs.md): training
 * from them skips every step, and a model with them predicts NaN. The error names the file and
 * the first tensor holding such values.
 */
import type { SafetensorsEntry } from './safetensors.js';

/** Throws when a floating-point entry of `entries` holds a NaN or ±Inf. */
export function assertFiniteEntries(entries: Map<string, SafetensorsEntry>, source: string): void {
  for (const [name, e] of entries) {
    if (e.dtype !== 'F32' && e.dtype !== 'F64') continue;
    const d = e.data as Float32Array | Float64Array;
    let first = -1;
    let count = 0;
    for (let i = 0; i < d.length; i++) {
      // v - v is 0 for every finite v, NaN for NaN and ±Inf
      if (d[i]! - d[i]! !== 0) {
        if (first < 0) first = i;
        count++;
      }
    }
    if (first >= 0) {
      throw new Error(
        `${source}: tensor "${name}" holds ${count} non-finite value${count === 1 ? '' : 's'} (first ${d[first]} at flat index ${first} of shape [${e.shape.join(', ')}]); ` +
          'refusing to load a checkpoint with NaN/Inf values (the run diverged before this checkpoint was written?)',
      );
    }
  }
}
