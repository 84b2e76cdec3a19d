/**
 * Native Transpose (float32 / int32) over the wasm runtime's (docs/runtime.md §3): size-1 axes
 * dropped and consecutive axes merged (`reducePermutation`), then one strided copy by the addon
 * (rows walked with an odometer, memcpy when the last axis stays in place, else a gather with a
 * source stride ≤ 16), spread over the threads for ≥ 2^15 values. Small tensors, long-stride gathers
 * and permutations that reduce to the identity stay on wasm.
 */
import { heapOffset, sizeOf, type Attrs, type BackendWasm, type TensorInfo } from '../wasm/util.js';
import { reducePermutation, rowMajorStrides } from '../wasm/transpose.js';
import type { NativeAddon } from './addon-types.js';
import { MIN_UNARY } from './unary.js';

/** Longest source stride (elements) of the output's last axis that the addon gathers. */
const MAX_GATHER_STRIDE = 16;

export function nativeTranspose(addon: NativeAddon, be: BackendWasm, x: TensorInfo, attrs: Attrs): TensorInfo | null {
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || sizeOf(x.shape) < MIN_UNARY) return null;
  const perm = attrs['perm'] as number[];
  const red = reducePermutation(x.shape, perm);
  const r = red.perm.length;
  if (red.perm.every((p, i) => p === i) || r > 8) return null;
  const st = rowMajorStrides(red.shape);
  // Row copies, or gathers with a short source stride (the pixel shuffle's [N, C, r, r] → [N, r, r, C]);
  // long-stride gathers (2-D transposes) stay on wasm's tiled copy, which is kinder to the cache.
  if (st[red.perm[r - 1]!]! > MAX_GATHER_STRIDE) return null;
  const out = be.makeOutput(
    perm.map((a) => x.shape[a]!),
    x.dtype,
  );
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
