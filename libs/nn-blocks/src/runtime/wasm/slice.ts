/**
 * Slice and SplitV for wasm. The stock Slice reads its whole input out of the heap for every
 * slice (a full copy; rank > 4 goes through the generic cpu implementation), so splitting the
 * fused qkv of attention copies it three times over. Here:
 *   out[i] = x[begin + i]  (row-major strided copy on the heap, contiguous runs by copyWithin).
 */
import * as tf from '@tensorflow/tfjs';
import { elementSize, heapView, rowMajorStrides, stridedCopy } from './transpose.js';
import { callWasm, heapOffset, type Attrs, type BackendWasm, type TensorInfo } from './util.js';

/** x[begin : begin + size] (sizes resolved: -1 = to the end). */
export function sliceOnHeap(be: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = be.makeOutput(size, x.dtype);
  const st = rowMajorStrides(x.shape);
  const es = elementSize(x.dtype);
  let src = heapOffset(be, x) / es;
  for (let k = 0; k < begin.length; k++) src += begin[k]! * st[k]!;
  stridedCopy(heapView(be, x.dtype), src, heapOffset(be, out) / es, size, st);
  return out;
}

export const sliceKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const x = inputs['x'] as TensorInfo;
  const a = (attrs ?? {}) as Attrs;
  if (x.dtype === 'string' || x.dtype === 'complex64') return callWasm('Slice', be, { x }, a);
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, a['begin'] as number[], a['size'] as number[]);
  return sliceOnHeap(be, x, begin, size);
};

export const splitVKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const x = inputs['x'] as TensorInfo;
  const a = (attrs ?? {}) as Attrs;
  if (x.dtype === 'string' || x.dtype === 'complex64') return callWasm('SplitV', be, { x }, a) as never;
  const axis = tf.util.parseAxisParam(a['axis'] as number, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, a['numOrSizeSplits'] as number | number[], axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const out = sliceOnHeap(be, x, begin.slice(), size);
    begin[axis]! += s;
    return out;
  });
};

export const sliceConfigs: tf.KernelConfig[] = [
  { kernelName: 'Slice', backendName: 'wasm', kernelFunc: sliceKernel },
  { kernelName: 'SplitV', backendName: 'wasm', kernelFunc: splitVKernel },
];
