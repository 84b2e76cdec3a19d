/**
 * Per-(frame, channel) reductions over the spatial points of channels-last arrays. For frame t and
 * channel c of an array [T, ...space, C] with N points, the values sit at offset (t·N)·C + c with
 * stride C.
 */
import type { FieldLayout, FloatArray } from './ndarray.js';

/**
 * Calls `reduce(offset, stride)` for every (frame, channel) and stores the results in a
 * Float64Array [frames, C]. The callback reads its N values at data[offset + p·stride].
 */
export function perFrameChannel(layout: FieldLayout, reduce: (offset: number, stride: number) => number): Float64Array {
  const { frames, points, channels } = layout;
  const out = new Float64Array(frames * channels);
  for (let t = 0; t < frames; t++) {
    for (let c = 0; c < channels; c++) out[t * channels + c] = reduce(t * points * channels + c, channels);
  }
  return out;
}

/** Copies the field (frame t, channel c) into a dense Float64Array of N points. */
export function extractField(
  data: FloatArray,
  layout: FieldLayout,
  t: number,
  c: number,
  out?: Float64Array,
  frameOffset = 0,
): Float64Array {
  const { points, channels } = layout;
  const res = out ?? new Float64Array(points);
  const o = (frameOffset + t) * points * channels + c;
  for (let p = 0; p < points; p++) res[p] = data[o + p * channels];
  return res;
}

/** Mean of the N values data[offset + p·stride]. */
export function stridedMean(data: FloatArray, offset: number, stride: number, n: number): number {
  let s = 0;
  for (let p = 0, i = offset; p < n; p++, i += stride) s += data[i];
  return s / n;
}

/** Unbiased (N − 1) variance of the N values data[offset + p·stride] (two-pass; torch.var default). */
export function stridedVarianceUnbiased(data: FloatArray, offset: number, stride: number, n: number, where: string): number {
  if (n < 2) throw new Error(`${where}: the unbiased spatial variance needs at least 2 spatial points, got ${n}`);
  const mean = stridedMean(data, offset, stride, n);
  let s = 0;
  for (let p = 0, i = offset; p < n; p++, i += stride) {
    const d = data[i] - mean;
    s += d * d;
  }
  return s / (n - 1);
}
