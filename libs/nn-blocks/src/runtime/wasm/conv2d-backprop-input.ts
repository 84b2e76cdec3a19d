/**
 * Conv2DBackpropInput for wasm (the stock kernel is a plain loop; docs/runtime.md §3). It is the
 * gradient of every conv input and the forward pass of conv2dTranspose.
 *
 * dx[b,h,w,ci] = Σ_{oh,ow,kh,kw : oh·s_h+kh−p_t = h, ow·s_w+kw−p_l = w} dy[b,oh,ow,co] · W[kh,kw,ci,co]
 *
 * Stride 1: one conv (below). Stride > 1: by phases (subpixel.ts), without the zeros. The
 * zero-insertion form, kept for non-float inputs: insert s−1 zeros between the rows and columns of dy (reshape to [B,OH,1,OW,1,Co], pad to
 * [B,OH,s_h,OW,s_w,Co], reshape), flip W spatially and swap its channel axes ([KH,KW,Co,Ci]), and
 * run an XNNPACK Conv2D with stride 1 and pads top = KH−1−p_t, bottom = H+KH−1−top−OH·s_h (a
 * negative pad is a crop of the dilated dy).
 */
import * as tf from '@tensorflow/tfjs';
import { subpixelBackpropInput } from './subpixel.js';
import { blockedTranspose, heapView } from './transpose.js';
import {
  callWasm,
  heapOffset,
  nhwcConvInfo,
  pad,
  release,
  reshape,
  slice,
  stride1Conv,
  transpose,
  type Attrs,
  type BackendWasm,
  type TensorInfo,
} from './util.js';

/**
 * [KH, KW, Co, Ci] = W[KH−1−kh, KW−1−kw, ci, co] (spatial flip, channel axes swapped): one tiled
 * transpose per tap on the heap for float32 (the stock Reverse is slow on filters of that size;
 * README "Why these kernels exist (measured)"), else the Reverse and Transpose kernels.
 */
function flipSwap(be: BackendWasm, filter: TensorInfo): TensorInfo {
  const [KH, KW, Ci, Co] = filter.shape as [number, number, number, number];
  if (filter.dtype !== 'float32') {
    const flipped = callWasm('Reverse', be, { x: filter }, { dims: [0, 1] });
    const wT = transpose(be, flipped, [0, 1, 3, 2]);
    release(be, flipped);
    return wT;
  }
  const out = be.makeOutput([KH, KW, Co, Ci], 'float32');
  const heap = heapView(be, 'float32');
  const src = heapOffset(be, filter) / 4;
  const dst = heapOffset(be, out) / 4;
  const taps = KH * KW;
  const block = Ci * Co;
  for (let t = 0; t < taps; t++) blockedTranspose(heap, src + (taps - 1 - t) * block, dst + t * block, 1, Ci, Co);
  return out;
}

/** Kernel function: inputs `{dy, filter}`, attrs `{strides, pad, dataFormat, dimRoundingMode, inputShape}`. */
export const conv2dBackpropInput: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const a = (attrs ?? {}) as Attrs;
  const dy = inputs['dy'] as TensorInfo;
  const filter = inputs['filter'] as TensorInfo;
  const inputShape = a['inputShape'] as [number, number, number, number];
  const info = nhwcConvInfo('Conv2DBackpropInput', inputShape, filter.shape, a);
  const [B, H, W] = inputShape;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, outHeight: OH, outWidth: OW } = info;
  const Co = dy.shape[3]!;
  if ((sh > 1 || sw > 1) && filter.dtype === 'float32' && dy.dtype === 'float32') {
    return subpixelBackpropInput(be, dy, filter, inputShape, [sh, sw], { top: info.padInfo.top, left: info.padInfo.left });
  }
  // Dilated dy: [B, OH*sh, OW*sw, Co] with dy at rows/cols multiple of the stride.
  let d: TensorInfo;
  if (sh === 1 && sw === 1) {
    d = reshape(be, dy, dy.shape);
  } else {
    const r6 = reshape(be, dy, [B, OH, 1, OW, 1, Co]);
    const p6 = pad(be, r6, [
      [0, 0],
      [0, 0],
      [0, sh - 1],
      [0, 0],
      [0, sw - 1],
      [0, 0],
    ]);
    release(be, r6);
    d = reshape(be, p6, [B, OH * sh, OW * sw, Co]);
    release(be, p6);
  }
  const top = KH - 1 - info.padInfo.top;
  const left = KW - 1 - info.padInfo.left;
  const bottom = H + KH - 1 - top - OH * sh;
  const right = W + KW - 1 - left - OW * sw;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) {
    const r0 = Math.max(0, -top);
    const c0 = Math.max(0, -left);
    const rows = OH * sh - r0 - Math.max(0, -bottom);
    const cols = OW * sw - c0 - Math.max(0, -right);
    const cropped = slice(be, d, [0, r0, c0, 0], [B, rows, cols, Co]);
    release(be, d);
    d = cropped;
  }
  const wT = flipSwap(be, filter); // [KH, KW, Co, Ci]
  const out = stride1Conv(be, d, wT, [Math.max(0, top), Math.max(0, bottom), Math.max(0, left), Math.max(0, right)]);
  release(be, d, wT);
  return out;
};

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput,
};
