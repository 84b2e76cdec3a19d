/**
 * Native element-wise unary kernels (Exp, Sigmoid, Tanh, Square, Rsqrt) and Softmax over the last
 * axis, over the wasm kernels of the same name (docs/runtime.md §3): one pass on the wasm heap, a
 * polynomial exp vectorised for AVX-512 / AVX2 (the addon's `target_clones`), rows or chunks over
 * the threads for ≥ 2^15 values. Tensors below {@link MIN_UNARY} values stay on wasm.
 */
import { heapOffset, sizeOf, type Attrs, type BackendWasm, type TensorInfo } from '../wasm/util.js';
import type { NativeAddon } from './addon-types.js';

/** Below this many values the N-API call costs more than it saves. */
export const MIN_UNARY = 1 << 12;

/** The addon's op codes (native/unary.cc). */
export const UNARY_OPS: Record<string, number> = { Exp: 0, Sigmoid: 1, Tanh: 2, Square: 3, Rsqrt: 4 };
export const SILU = 5;
export const GELU = 6;

const heap = (be: BackendWasm): Uint8Array => (be.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
const off = (be: BackendWasm, t: TensorInfo): number => heapOffset(be, t) / 4;

/** op(x) by the addon (any size when `always`), or null (non-float32, small, empty). */
export function nativeUnary(addon: NativeAddon, be: BackendWasm, op: number, x: TensorInfo, always = false): TensorInfo | null {
  const n = sizeOf(x.shape);
  if (x.dtype !== 'float32' || n === 0 || (!always && n < MIN_UNARY)) return null;
  const out = be.makeOutput(x.shape, 'float32');
  addon.unary(heap(be), op, off(be, x), off(be, out), n);
  return out;
}

/** dy·op'(x) for op SILU or GELU (any size). */
export function nativeUnaryGrad(addon: NativeAddon, be: BackendWasm, op: number, x: TensorInfo, dy: TensorInfo): TensorInfo {
  const n = sizeOf(x.shape);
  const out = be.makeOutput(x.shape, 'float32');
  if (n > 0) addon.unary(heap(be), op, off(be, x), off(be, out), n, off(be, dy));
  return out;
}

/** Softmax over the last axis (the only one tfjs's softmax op uses), or null. */
export function nativeSoftmax(addon: NativeAddon, be: BackendWasm, logits: TensorInfo, attrs: Attrs): TensorInfo | null {
  const r = logits.shape.length;
  const n = sizeOf(logits.shape);
  const dim = (attrs['dim'] as number | undefined) ?? -1;
  if (logits.dtype !== 'float32' || r === 0 || n < MIN_UNARY || (dim !== -1 && dim !== r - 1)) return null;
  const cols = logits.shape[r - 1]!;
  const out = be.makeOutput(logits.shape, 'float32');
  addon.softmax(heap(be), off(be, logits), off(be, out), n / cols, cols, 1);
  return out;
}
