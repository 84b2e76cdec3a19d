/**
 * Transpose and Identity for wasm.
 *
 * Transpose: swaps of the last two axes with both ≥ 64 go through a tiled JS copy (faster than
 * the stock kernel). The stock kernel has fast paths up to rank 4 but a far slower generic path for
 * rank 5 and more (e.g. the [B,S,3,H,D] → [3,B,H,S,D] split of attention heads; README "Why these
 * kernels exist (measured)"). Axes that
 * stay adjacent and in order are merged and size-1 axes dropped first, which often brings the rank
 * to ≤ 4 (stock kernel on reshaped views); otherwise a strided copy in JS on heap views:
 * out[i_0..i_{r-1}] = x[Σ_k i_k · stride_x[perm[k]]], with contiguous runs copied by `set`.
 *
 * Identity, and Cast to the same dtype: share the data and add a reference (as the cpu backend
 * does) instead of copying.
 */
import * as tf from '@tensorflow/tfjs';
import { callWasm, heapOffset, release, reshape, type BackendWasm, type TensorInfo } from './util.js';

/** Shape and permutation with size-1 axes dropped and runs of consecutive axes merged. */
export function reducePermutation(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const keep = perm.filter((a) => shape[a] !== 1);
  // groups of input axes that appear consecutively (a, a+1, ...) in the output order
  const groups: number[][] = [];
  for (const a of keep) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1]! + 1 === a) last.push(a);
    else groups.push([a]);
  }
  const byInput = groups.slice().sort((g, h) => g[0]! - h[0]!);
  const rank = new Map(byInput.map((g, i) => [g[0]!, i]));
  return {
    shape: byInput.map((g) => g.reduce((n, a) => n * shape[a]!, 1)),
    perm: groups.map((g) => rank.get(g[0]!)!),
  };
}

/**
 * Strided copy inside one array `heap` (the wasm heap view of the dtype):
 * heap[dst + flat(i)] = heap[src + Σ_k i_k · srcStrides[k]] for every index i of `outShape`
 * (row-major). Inner axes that are contiguous in the source are merged first; contiguous runs of
 * 8 or more values move with `copyWithin` (no allocation), shorter ones element by element.
 */
export function stridedCopy(
  heap: tf.TypedArray,
  src: number,
  dst: number,
  outShape: readonly number[],
  srcStrides: readonly number[],
): void {
  const shape = outShape.slice();
  const strides = srcStrides.slice();
  for (let k = shape.length - 1; k >= 0; k--) {
    if (shape[k] === 1 && shape.length > 1) {
      shape.splice(k, 1);
      strides.splice(k, 1);
    }
  }
  while (shape.length > 1 && strides[shape.length - 2] === strides[shape.length - 1]! * shape[shape.length - 1]!) {
    const n = shape.length;
    shape.splice(n - 2, 2, shape[n - 2]! * shape[n - 1]!);
    strides.splice(n - 2, 2, strides[n - 1]!);
  }
  const r = shape.length;
  let total = 1;
  for (const d of shape) total *= d;
  if (total === 0) return;
  const inner = shape[r - 1]!;
  const innerStride = strides[r - 1]!;
  const idx = new Array<number>(Math.max(r - 1, 0)).fill(0);
  let base = src;
  const end = dst + total;
  for (let o = dst; o < end; o += inner) {
    if (innerStride === 1 && inner >= 8) heap.copyWithin(o, base, base + inner);
    else for (let j = 0, p = base; j < inner; j++, p += innerStride) heap[o + j] = heap[p]!;
    // odometer over the outer axes
    for (let k = r - 2; k >= 0; k--) {
      idx[k]!++;
      base += strides[k]!;
      if (idx[k]! < shape[k]!) break;
      base -= strides[k]! * shape[k]!;
      idx[k] = 0;
    }
  }
}

/** Row-major strides of a shape. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = s;
    s *= shape[k]!;
  }
  return out;
}

/** out = transpose(x, perm) on the heap (element offsets). */
export function stridedTranspose(
  heap: tf.TypedArray,
  xOff: number,
  outOff: number,
  shape: readonly number[],
  perm: readonly number[],
): void {
  const st = rowMajorStrides(shape);
  stridedCopy(
    heap,
    xOff,
    outOff,
    perm.map((a) => shape[a]!),
    perm.map((a) => st[a]!),
  );
}

/**
 * Batched 2-D transpose out[b, c, r] = x[b, r, c] in 32×32 tiles (cache-friendly; faster than the
 * stock kernel on large matrices).
 */
export function blockedTranspose(h: tf.TypedArray, src: number, dst: number, batch: number, R: number, C: number): void {
  const T = 32;
  for (let b = 0; b < batch; b++) {
    const s0 = src + b * R * C;
    const d0 = dst + b * R * C;
    for (let r0 = 0; r0 < R; r0 += T) {
      const r1 = Math.min(R, r0 + T);
      for (let c0 = 0; c0 < C; c0 += T) {
        const c1 = Math.min(C, c0 + T);
        let c = c0;
        // four source columns per pass (one cache line read, four output rows written): fewer passes over the source
        for (; c + 4 <= c1; c += 4) {
          let d = d0 + c * R + r0;
          let q = s0 + r0 * C + c;
          for (let r = r0; r < r1; r++, d++, q += C) {
            h[d] = h[q]!;
            h[d + R] = h[q + 1]!;
            h[d + 2 * R] = h[q + 2]!;
            h[d + 3 * R] = h[q + 3]!;
          }
        }
        for (; c < c1; c++) {
          let d = d0 + c * R + r0;
          let q = s0 + r0 * C + c;
          for (let r = r0; r < r1; r++, d++, q += C) h[d] = h[q]!;
        }
      }
    }
  }
}

/** The wasm heap as a typed array of `dtype` (fresh view: the heap may have grown). */
export function heapView(be: BackendWasm, dtype: string): tf.TypedArray {
  const m = be.wasm as unknown as { HEAPF32: Float32Array; HEAP32: Int32Array; HEAPU8: Uint8Array };
  if (dtype === 'float32') return m.HEAPF32;
  if (dtype === 'int32') return m.HEAP32;
  if (dtype === 'bool') return m.HEAPU8;
  throw new Error(`wasm Transpose: unsupported dtype ${dtype}`);
}

export function elementSize(dtype: string): number {
  return dtype === 'bool' ? 1 : 4;
}

export const transposeKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const x = inputs['x'] as TensorInfo;
  const perm = (attrs as { perm: number[] }).perm;
  const outShape = perm.map((a) => x.shape[a]!);
  const red = reducePermutation(x.shape, perm);
  if (red.perm.every((a, i) => a === i)) return reshape(be, x, outShape);
  const size = elementSize(x.dtype);
  const swap2 = red.perm.length === 2 && red.perm[0] === 1;
  const swap3 = red.perm.length === 3 && red.perm[0] === 0 && red.perm[1] === 2;
  if ((swap2 || swap3) && x.dtype !== 'string') {
    const [batch, R, C] = swap2 ? [1, red.shape[0]!, red.shape[1]!] : (red.shape as [number, number, number]);
    if (R >= 64 && C >= 64) {
      const out = be.makeOutput(outShape, x.dtype);
      blockedTranspose(heapView(be, x.dtype), heapOffset(be, x) / size, heapOffset(be, out) / size, batch, R, C);
      return out;
    }
  }
  if (red.perm.length <= 4) {
    const xr = reshape(be, x, red.shape);
    const t = callWasm('Transpose', be, { x: xr }, { perm: red.perm });
    const out = reshape(be, t, outShape);
    release(be, xr, t);
    return out;
  }
  const out = be.makeOutput(outShape, x.dtype);
  stridedTranspose(heapView(be, x.dtype), heapOffset(be, x) / size, heapOffset(be, out) / size, red.shape, red.perm);
  return out;
};

/** Identity that shares the input's data (a new reference, no copy). */
export const identityKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const be = backend as BackendWasm;
  const x = inputs['x'] as TensorInfo;
  be.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** Cast to the tensor's own dtype shares the data (as the cpu backend does; the stock kernel copies). */
export const castKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const x = inputs['x'] as TensorInfo;
  const dtype = (attrs as { dtype: tf.DataType }).dtype;
  if (dtype !== x.dtype) return callWasm('Cast', be, { x }, { dtype });
  be.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype };
};

export const transposeConfigs: tf.KernelConfig[] = [
  { kernelName: 'Transpose', backendName: 'wasm', kernelFunc: transposeKernel },
  { kernelName: 'Identity', backendName: 'wasm', kernelFunc: identityKernel },
  { kernelName: 'Cast', backendName: 'wasm', kernelFunc: castKernel },
];
