/**
 * Native Transpose (float32 / int32) over the wasm runtime's (docs/runtime.md §3): size-1 axes
 * dropped and consecutive axes merged (`reducePermutation`), then one strided copy of rows by the addon,
 * spread over the threads for ≥ 2^15 values (the wasm one is a single-threaded JS copy for rank > 4).
 * Only permutations that keep the last axis in place (contiguous rows, memcpy); small tensors,
 * gathers and permutations that reduce to the identity stay on wasm.
 */
import { heapOffset, sizeOf, type Attrs, type BackendWasm, type TensorInfo } from '../wasm/util.js';
import { reducePermutation, rowMajorStrides } from '../wasm/transpose.js';
import type { NativeAddon } from './addon.js';
import { MIN_UNARY } from './unary.js';

export function nativeTranspose(addon: NativeAddon, be: BackendWasm, x: TensorInfo, attrs: Attrs): TensorInfo | null {
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || sizeOf(x.shape) < MIN_UNARY) return null;
  const perm = attrs['perm'] as number[];
  const red = reducePermutation(x.shape, perm);
  // Only permutations that keep the last axis (row copies); gathers stay on wasm (its tiled copy is faster).
  const r = red.perm.length;
  if (red.perm.every((p, i) => p === i) || r > 8 || red.perm[r - 1] !== r - 1) return null;
  const st = rowMajorStrides(red.shape);
  const out = be.makeOutput(perm.map((a) => x.shape[a]!), x.dtype);
  const h = (be.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
  addon.strided(
    h,
    heapOffset(be, x) / 4,
    heapOffset(be, out) / 4,
    red.perm.map((a) => red.shape[a]!),
    red.perm.map((a) => st[a]!),
  );
  return out;
}
