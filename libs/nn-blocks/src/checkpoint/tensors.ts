/**
 * safetensors files ⇄ tf tensors, and a model's weights file (docs/architecture.md §3:
 * `weights.safetensors`, names = dotted parameter paths, tfjs layouts — see params/layout.ts for
 * the PyTorch mapping).
 *
 * dtype mapping: float32 ⇄ F32, int32 ⇄ I32, bool ⇄ BOOL. On reading, I64 / I16 / I8 / U8 become
 * int32 (I64 values must fit in int32) and F64 becomes float32 (tfjs has neither int64 nor float64).
 */
import { existsSync, readFileSync } from 'node:fs';
import { namedParams, type NamedTensors, type ParamTree } from '../params/tree.js';
import { writeFileAtomic } from './atomic.js';
import { assertFiniteEntries } from './finite.js';
import { entriesToTensors, loadWeightsFromBytes, tensorsToEntries } from './entries.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

/** Writes named tensors to a safetensors file atomically. */
export async function saveSafetensors(path: string, named: NamedTensors, metadata: Record<string, string> = {}): Promise<void> {
  writeFileAtomic(path, encodeSafetensors(await tensorsToEntries(named), metadata));
}

/**
 * Reads a safetensors file into tf tensors (caller disposes); clear errors for missing or corrupt
 * files, and for NaN/Inf values (naming the tensor) unless `allowNonFinite`.
 */
export function loadSafetensors(
  path: string,
  opts: { allowNonFinite?: boolean } = {},
): { tensors: NamedTensors; metadata: Record<string, string> } {
  if (!existsSync(path)) throw new Error(`checkpoint file not found: ${path}`);
  const content = decodeSafetensors(new Uint8Array(readFileSync(path)), path);
  if (!opts.allowNonFinite) assertFiniteEntries(content.tensors, path);
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
  if (!existsSync(path)) throw new Error(`checkpoint file not found: ${path}`);
  return loadWeightsFromBytes(new Uint8Array(readFileSync(path)), params, path);
}
