/**
 * safetensors files ⇄ tf tensors, and a model's weights file (ARCHITECTURE §3:
 * `weights.safetensors`, names = dotted parameter paths, tfjs layouts — see params/layout.ts for
 * the PyTorch mapping).
 *
 * dtype mapping: float32 ⇄ F32, int32 ⇄ I32, bool ⇄ BOOL. On reading, I64 / I16 / I8 / U8 become
 * int32 (I64 values must fit in int32) and F64 becomes float32 (tfjs has neither int64 nor float64).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { assignParams, namedParams, type NamedTensors, type ParamTree } from '../params/tree.js';
import { writeFileAtomic } from './atomic.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsArray, type SafetensorsEntry } from './safetensors.js';

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
        if (v > 2147483647n || v < -2147483648n) throw new Error(`${source}: tensor "${name}" holds the int64 value ${v}, outside the int32 range tfjs supports`);
        out[i] = Number(v);
      }
      return tf.tensor(out, e.shape, 'int32');
    }
  }
}

/** Writes named tensors to a safetensors file atomically. */
export async function saveSafetensors(path: string, named: NamedTensors, metadata: Record<string, string> = {}): Promise<void> {
  writeFileAtomic(path, encodeSafetensors(await tensorsToEntries(named), metadata));
}

/** Reads a safetensors file into tf tensors (caller disposes); clear errors for missing or corrupt files. */
export function loadSafetensors(path: string): { tensors: NamedTensors; metadata: Record<string, string> } {
  if (!existsSync(path)) throw new Error(`checkpoint file not found: ${path}`);
  const content = decodeSafetensors(new Uint8Array(readFileSync(path)), path);
  return { tensors: entriesToTensors(content.tensors, path), metadata: content.metadata };
}

/** Metadata written into every weights file. */
export const WEIGHTS_METADATA = { format: 'lola-ts', layout: 'tfjs channels-last: linear [in,out], conv [k...,in,out]' } as const;

/** Saves a parameter tree to `path` (names = dotted paths). */
export async function saveWeights(path: string, params: ParamTree, metadata: Record<string, string> = {}): Promise<void> {
  await saveSafetensors(path, namedParams(params), { ...WEIGHTS_METADATA, ...metadata });
}

/**
 * Loads `path` into the variables of `params` (names, shapes and dtypes must match exactly).
 * Returns the file's metadata.
 */
export function loadWeights(path: string, params: ParamTree): Record<string, string> {
  const { tensors, metadata } = loadSafetensors(path);
  try {
    assignParams(params, tensors, path);
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
  return metadata;
}
