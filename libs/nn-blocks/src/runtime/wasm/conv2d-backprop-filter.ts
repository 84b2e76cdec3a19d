/**
 * Conv2DBackpropFilter for wasm (missing from tfjs-backend-wasm 4.22; docs/runtime.md §3).
 *
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s_h + kh − p_t, ow·s_w + kw − p_l, ci] · dy[b,oh,ow,co]
 *
 * is an XNNPACK Conv2D of x transposed to [Ci,H,W,B] (Ci as the batch, B as the channels) with
 * dy transposed to [OH,OW,B,Co] as the filter, stride 1 and dilation = the forward stride. Pads:
 * top/left as in the forward conv, bottom/right chosen so the output is exactly KH×KW (when the
 * input is longer than needed the extra rows are cropped). The [Ci,KH,KW,Co] result is transposed
 * back to [KH,KW,Ci,Co].
 */
import * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, release, slice, stride1Conv, transpose, type Attrs, type BackendWasm, type TensorInfo } from './util.js';

/** Kernel function: inputs `{x, dy}`, attrs `{strides, pad, dataFormat, dimRoundingMode, filterShape}`. */
export const conv2dBackpropFilter: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const a = (attrs ?? {}) as Attrs;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = a['filterShape'] as [number, number, number, number];
  const info = nhwcConvInfo('Conv2DBackpropFilter', x.shape, filterShape, a);
  const [, H, W] = x.shape as [number, number, number, number];
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, outHeight: OH, outWidth: OW } = info;
  const { top, left } = info.padInfo;
  const bottom = Math.max(0, KH + (OH - 1) * sh - H - top);
  const right = Math.max(0, KW + (OW - 1) * sw - W - left);
  const xT = transpose(be, x, [3, 1, 2, 0]); // [Ci, H, W, B]
  const dyT = transpose(be, dy, [1, 2, 0, 3]); // [OH, OW, B, Co]
  let r = stride1Conv(be, xT, dyT, [top, bottom, left, right], [sh, sw]); // [Ci, KH', KW', Co]
  release(be, xT, dyT);
  if (r.shape[1] !== KH || r.shape[2] !== KW) {
    const cropped = slice(be, r, [0, 0, 0, 0], [r.shape[0]!, KH, KW, r.shape[3]!]);
    release(be, r);
    r = cropped;
  }
  const out = transpose(be, r, [1, 2, 0, 3]); // [KH, KW, Ci, Co]
  release(be, r);
  return out;
};

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
