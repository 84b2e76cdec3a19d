/**
 * safetensors entries ⇄ tf tensors, and weights from the bytes of a `weights.safetensors` file
 * (no file system: usable in the browser; the file readers are in tensors.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { assignParams, type NamedTensors, type ParamTree } from '../params/tree.js';
import { assertFiniteEntries } from './finite.js';
import { decodeSafetensors, type SafetensorsArray, type SafetensorsEntry } from './safetensors.js';

/** Reads tensor data (after any pending ops) into safetensors entries. */
export async function tensorsToEntries(named: NamedTensors): Promise<Map<string, SafetensorsEntry>> {
  const out = new Map<string, SafetensorsEntry>();
  for (const [name, t] of named) {
    const data = await t.data();
    if (t.dtype === 'float32') out.set(name, { dtype: 'F32', shape: t.shape.slice(), data: Float32Array.from(data as Float32Array) });
    else if (t.dtype === 'int32') out.set(name, { dtype: 'I32', shape: t.shape.slice(), data: Int32Array.from(data as Int32Array) });
    else if (t.dtype === 'bool') out.set(name, { dtype: 'BOOL', shape: t.shape.slice(), data: Uint8Array.from(data as Uint8Array) });
    else throw new Error(`safetensors: tensor "${name}" has unsupported dtype ${t.dtype}`);
  }
  return out;
}

/** Makes tf tensors from safetensors entries (caller disposes). */
export function entriesToTensors(entries: Map<string, SafetensorsEntry>, source = 'safetensors'): NamedTensors {
  const out = new Map<string, tf.Tensor>();
  for (const [name, e] of entries) out.set(name, entryToTensor(name, e, source));
  return out;
}

function entryToTensor(name: string, e: SafetensorsEntry, source: string): tf.Tensor {
  const d: SafetensorsArray = e.data;
  switch (e.dtype) {
    case 'F32':
      return tf.tensor(d as Float32Array, e.shape, 'float32');
    case 'F64':
      return tf.tensor(Float32Array.from(d as Float64Array), e.shape, 'float32');
    case 'I32':
      return tf.tensor(d as Int32Array, e.shape, 'int32');
    case 'I16':
    case 'I8':
    case 'U8':
      return tf.tensor(Int32Array.from(d as Int16Array), e.shape, 'int32');
    case 'BOOL':
      return tf.tensor(d as Uint8Array, e.shape, 'bool');
    case 'I64': {
      const big = d as BigInt64Array;
      const out = new Int32Array(big.length);
      for (let i = 0; i < big.length; i++) {
        const v = big[i]!;
        if (v > 2147483647n || v < -2147483648n)
          throw new Error(`${source}: tensor "${name}" holds the int64 value ${v}, outside the int32 range tfjs supports`);
        out[i] = Number(v);
      }
      return tf.tensor(out, e.shape, 'int32');
    }
  }
}

/**
 * Loads the bytes of a weights file into the variables of `params` (names, shapes and dtypes must
 * match exactly; `source` names the file in errors; NaN/Inf values are refused, naming the
 * tensor). Returns the file's metadata.
 */
export function loadWeightsFromBytes(bytes: Uint8Array, params: ParamTree, source = 'safetensors'): Record<string, string> {
  const content = decodeSafetensors(bytes, source);
  assertFiniteEntries(content.tensors, source);
  const tensors = entriesToTensors(content.tensors, source);
  try {
    assignParams(params, tensors, source);
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
  return content.metadata;
}
