/**
 * Conv2D, FusedConv2D, DepthwiseConv2dNative and FusedDepthwiseConv2D for wasm with SAME padding
 * passed as explicit pads.
 *
 * The stock wasm kernels hand SAME padding to XNNPACK as its TensorFlow-SAME flag, which returns
 * zeros when the kernel is smaller than the stride and the needed padding is 0 (e.g. H = 9,
 * K = 2, stride 3; docs/runtime.md §2). Explicit pads `top = floor(P/2)`, `bottom = P - top` with
 * `P = max((ceil(H/s) - 1)·s + (K-1)·d + 1 - H, 0)` give the same output shape and values, so the
 * replacement converts SAME to those pads and delegates to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { callWasm, type Attrs, type BackendWasm, type TensorInfo } from './util.js';

/** Explicit pads `[[0,0],[top,bottom],[left,right],[0,0]]` equal to `pad` for this conv (NHWC). */
export function explicitPads(
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  dilations: number | [number, number],
  pad: unknown,
  dimRoundingMode?: unknown,
  depthwise = false,
): [number, number][] {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad as 'same',
    dimRoundingMode as 'floor' | undefined,
    depthwise,
  );
  const p = info.padInfo;
  return [
    [0, 0],
    [p.top, p.bottom],
    [p.left, p.right],
    [0, 0],
  ];
}

function withExplicitSame(name: string, filterKey: string, depthwise: boolean): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const a = (attrs ?? {}) as Attrs;
    const x = inputs['x'] as TensorInfo;
    const filter = inputs[filterKey] as TensorInfo;
    let newAttrs = a;
    const format = a['dataFormat'];
    if (a['pad'] === 'same' && (format === undefined || format === 'NHWC')) {
      const pads = explicitPads(
        x.shape,
        filter.shape,
        a['strides'] as number,
        (a['dilations'] as number | undefined) ?? 1,
        'same',
        a['dimRoundingMode'],
        depthwise,
      );
      newAttrs = { ...a, pad: pads };
    }
    return callWasm(name, backend as BackendWasm, inputs as Record<string, TensorInfo>, newAttrs);
  };
}

/** Conv2D, FusedConv2D and the depthwise forms for wasm, delegating to the stock kernels. */
export function sameFixConfigs(): tf.KernelConfig[] {
  return [
    { kernelName: 'Conv2D', backendName: 'wasm', kernelFunc: withExplicitSame('Conv2D', 'filter', false) },
    { kernelName: 'FusedConv2D', backendName: 'wasm', kernelFunc: withExplicitSame('FusedConv2D', 'filter', false) },
    { kernelName: 'DepthwiseConv2dNative', backendName: 'wasm', kernelFunc: withExplicitSame('DepthwiseConv2dNative', 'filter', true) },
    { kernelName: 'FusedDepthwiseConv2D', backendName: 'wasm', kernelFunc: withExplicitSame('FusedDepthwiseConv2D', 'filter', true) },
  ];
}
