/**
 * Native element-wise binary kernels (broadcasting) and Sum/Mean over one contiguous block of
 * axes, multi-threaded on the wasm heap. Broadcast shapes are reduced first: size-1 output axes
 * dropped, adjacent axes merged where both operands are contiguous (or both broadcast) across
 * them, so the addon loops over rows with unit or zero inner strides.
 */
import * as tf from '@tensorflow/tfjs';
import { heapOffset, reshape, sizeOf, type Attrs, type BackendWasm, type TensorInfo } from '../wasm/util.js';
import type { NativeAddon } from './addon-types.js';

/** Below this many output values the wasm kernel (one thread) is as fast. */
const MIN_VALUES = 1 << 14;

export const BINARY_OPS: Record<string, number> = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3, SquaredDifference: 4, Maximum: 5, Minimum: 6 };

/** Collapsed iteration of a broadcasting binary op: dims and per-operand element strides. */
export function broadcastPlan(aShape: number[], bShape: number[]): { outShape: number[]; dims: number[]; sa: number[]; sb: number[] } {
  const outShape = tf.broadcast_util.assertAndGetBroadcastShape(aShape, bShape);
  const r = outShape.length;
  const strides = (shape: number[]) => {
    const s = [...Array(r - shape.length).fill(1), ...shape] as number[];
    const out = new Array<number>(r).fill(0);
    let acc = 1;
    for (let i = r - 1; i >= 0; i--) {
      out[i] = s[i] === 1 ? 0 : acc;
      acc *= s[i]!;
    }
    return out;
  };
  const fa = strides(aShape);
  const fb = strides(bShape);
  const dims: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < r; i++) {
    if (outShape[i] === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && sa[k] === fa[i]! * outShape[i]! && sb[k] === fb[i]! * outShape[i]!) {
      dims[k] = dims[k]! * outShape[i]!;
      sa[k] = fa[i]!;
      sb[k] = fb[i]!;
    } else {
      dims.push(outShape[i]!);
      sa.push(fa[i]!);
      sb.push(fb[i]!);
    }
  }
  if (!dims.length) return { outShape, dims: [1], sa: [0], sb: [0] };
  return { outShape, dims, sa, sb };
}

/** op(a, b) by the addon, or null (non-float32, small, rank > 8 after collapsing). */
export function nativeBinary(addon: NativeAddon, be: BackendWasm, op: number, a: TensorInfo, b: TensorInfo): TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const plan = broadcastPlan(a.shape, b.shape);
  if (sizeOf(plan.outShape) < MIN_VALUES || plan.dims.length > 8) return null;
  const out = be.makeOutput(plan.outShape, 'float32');
  const h = (be.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
  addon.binary(h, op, heapOffset(be, a) / 4, heapOffset(be, b) / 4, heapOffset(be, out) / 4, plan.dims, plan.sa, plan.sb);
  return out;
}

/** Sum or Mean over a contiguous block of (non-unit) axes by the addon, or null. */
export function nativeReduce(addon: NativeAddon, be: BackendWasm, name: 'Sum' | 'Mean', x: TensorInfo, attrs: Attrs): TensorInfo | null {
  if (x.dtype !== 'float32' || x.shape.length === 0 || sizeOf(x.shape) < MIN_VALUES) return null;
  const axes = tf.util.parseAxisParam(attrs['axis'] as number | number[], x.shape);
  const keepDims = Boolean(attrs['keepDims']);
  const outShape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
  const real = axes.filter((i) => x.shape[i] !== 1).sort((p, q) => p - q);
  if (real.length === 0) return reshape(be, x, outShape);
  const lo = real[0]!;
  const hi = real[real.length - 1]!;
  for (let i = lo; i <= hi; i++) if (!axes.includes(i) && x.shape[i] !== 1) return null;
  const A = sizeOf(x.shape.slice(0, lo));
  const R = sizeOf(x.shape.slice(lo, hi + 1));
  const C = sizeOf(x.shape.slice(hi + 1));
  const out = be.makeOutput(outShape, 'float32');
  const h = (be.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
  addon.reduce(h, heapOffset(be, x) / 4, heapOffset(be, out) / 4, A, R, C, name === 'Mean' ? 1 / R : 1);
  return out;
}
