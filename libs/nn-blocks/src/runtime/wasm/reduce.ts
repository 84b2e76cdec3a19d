/**
 * Sum and Mean for wasm over one contiguous block of axes, as a JS loop on the heap with float64
 * accumulators. With x viewed as [A, R, C] (R = the reduced axes),
 *
 *   out[a, c] = Σ_r x[a, r, c]   (Mean: divided by R).
 *
 * The stock kernel first transposes the reduced axes to the end, which dominates for the bias
 * gradient of a transformer block (README "Why these kernels exist (measured)"). Other dtypes and
 * non-contiguous axis sets use the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { callWasm, heapOffset, reshape, sizeOf, type Attrs, type BackendWasm, type TensorInfo } from './util.js';

/** h[oo + a·C + c] = scale · Σ_r h[xo + (a·R + r)·C + c] (float64 accumulators). */
export function reduceOnHeap(h: Float32Array, xo: number, oo: number, A: number, R: number, C: number, scale: number): void {
  if (C === 1) {
    for (let i = 0; i < A; i++) {
      let s = 0;
      const base = xo + i * R;
      for (let r = 0; r < R; r++) s += h[base + r]!;
      h[oo + i] = s * scale;
    }
    return;
  }
  // Eight outputs at a time in local accumulators (V8 keeps them in registers, unlike a
  // Float64Array of accumulators); every output still sums its R values in order, in float64.
  for (let i = 0; i < A; i++) {
    const b0 = xo + i * R * C;
    const o = oo + i * C;
    let c = 0;
    for (; c + 8 <= C; c += 8) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        s4 = 0,
        s5 = 0,
        s6 = 0,
        s7 = 0;
      for (let r = 0, p = b0 + c; r < R; r++, p += C) {
        s0 += h[p]!;
        s1 += h[p + 1]!;
        s2 += h[p + 2]!;
        s3 += h[p + 3]!;
        s4 += h[p + 4]!;
        s5 += h[p + 5]!;
        s6 += h[p + 6]!;
        s7 += h[p + 7]!;
      }
      h[o + c] = s0 * scale;
      h[o + c + 1] = s1 * scale;
      h[o + c + 2] = s2 * scale;
      h[o + c + 3] = s3 * scale;
      h[o + c + 4] = s4 * scale;
      h[o + c + 5] = s5 * scale;
      h[o + c + 6] = s6 * scale;
      h[o + c + 7] = s7 * scale;
    }
    for (; c < C; c++) {
      let s = 0;
      for (let r = 0, p = b0 + c; r < R; r++, p += C) s += h[p]!;
      h[o + c] = s * scale;
    }
  }
}

function reduceKernel(name: 'Sum' | 'Mean'): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as BackendWasm;
    const x = inputs['x'] as TensorInfo;
    const a = (attrs ?? {}) as Attrs;
    const stock = () => callWasm(name, be, { x }, a);
    if (x.dtype !== 'float32' || x.shape.length === 0) return stock();
    const axes = tf.util.parseAxisParam(a['axis'] as number | number[], x.shape);
    const keepDims = Boolean(a['keepDims']);
    const outShape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    const real = axes.filter((i) => x.shape[i] !== 1).sort((p, q) => p - q);
    if (real.length === 0) return reshape(be, x, outShape);
    const scale = name === 'Mean' ? 1 / sizeOf(real.map((i) => x.shape[i]!)) : 1;
    const lo = real[0]!;
    const hi = real[real.length - 1]!;
    for (let i = lo; i <= hi; i++) if (!axes.includes(i) && x.shape[i] !== 1) return stock();
    const A = sizeOf(x.shape.slice(0, lo));
    const R = sizeOf(x.shape.slice(lo, hi + 1));
    const C = sizeOf(x.shape.slice(hi + 1));
    const out = be.makeOutput(outShape, 'float32');
    reduceOnHeap((be.wasm as unknown as { HEAPF32: Float32Array }).HEAPF32, heapOffset(be, x) / 4, heapOffset(be, out) / 4, A, R, C, scale);
    return out;
  };
}

export const sumKernel = reduceKernel('Sum');
export const meanKernel = reduceKernel('Mean');

export const reduceConfigs: tf.KernelConfig[] = [
  { kernelName: 'Sum', backendName: 'wasm', kernelFunc: sumKernel },
  { kernelName: 'Mean', backendName: 'wasm', kernelFunc: meanKernel },
];
