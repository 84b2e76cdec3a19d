/**
 * Faster Tanh and Pow for wasm (docs/runtime.md §2: the stock kernels are scalar loops many times
 * slower than mul/add and the XNNPACK sigmoid; README "Why these kernels exist (measured)").
 *
 * - Tanh: tanh(z) = 2·σ(2z) − 1 (absolute error ≈ 1e-7, so a relative error up to ~1e-3 for
 *   |z| < 1e-4; use `tf.sinh/cosh` if that matters).
 * - Pow with a scalar float exponent in {1, 2, 3, 4, 0.5, -1}: products, Sqrt or Reciprocal;
 *   other exponents use the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { callWasm, release, reshape, sizeOf, type BackendWasm, type TensorInfo } from './util.js';

function scalar(be: BackendWasm, value: number): TensorInfo {
  const s = be.makeOutput([], 'float32');
  (be.typedArrayFromHeap(s) as Float32Array)[0] = value;
  return s;
}

/** tanh(x) = 2·σ(2x) − 1. */
export const tanh: tf.KernelFunc = ({ inputs, backend }) => {
  const be = backend as BackendWasm;
  const x = inputs['x'] as TensorInfo;
  if (x.dtype !== 'float32') return callWasm('Tanh', be, { x });
  const two = scalar(be, 2);
  const one = scalar(be, 1);
  const x2 = callWasm('Multiply', be, { a: x, b: two });
  const s = callWasm('Sigmoid', be, { x: x2 });
  const s2 = callWasm('Multiply', be, { a: s, b: two });
  const out = callWasm('Sub', be, { a: s2, b: one });
  release(be, two, one, x2, s, s2);
  return out;
};

/** a^b with b a scalar in {1, 2, 3, 4, 0.5, -1} by cheaper kernels; otherwise the stock Pow. */
export const pow: tf.KernelFunc = ({ inputs, backend }) => {
  const be = backend as BackendWasm;
  const a = inputs['a'] as TensorInfo;
  const b = inputs['b'] as TensorInfo;
  const stock = () => callWasm('Pow', be, { a, b });
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || sizeOf(b.shape) !== 1) return stock();
  const e = (be.typedArrayFromHeap(b) as Float32Array)[0];
  const outShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
  let r: TensorInfo;
  switch (e) {
    case 1:
      r = callWasm('Identity', be, { x: a });
      break;
    case 2:
      r = callWasm('Square', be, { x: a });
      break;
    case 3: {
      const sq = callWasm('Square', be, { x: a });
      r = callWasm('Multiply', be, { a: sq, b: a });
      release(be, sq);
      break;
    }
    case 4: {
      const sq = callWasm('Square', be, { x: a });
      r = callWasm('Square', be, { x: sq });
      release(be, sq);
      break;
    }
    case 0.5:
      r = callWasm('Sqrt', be, { x: a });
      break;
    case -1:
      r = callWasm('Reciprocal', be, { x: a });
      break;
    default:
      return stock();
  }
  if (r.shape.join() === outShape.join()) return r;
  const shaped = reshape(be, r, outShape);
  release(be, r);
  return shaped;
};

export const elementwiseConfigs: tf.KernelConfig[] = [
  { kernelName: 'Tanh', backendName: 'wasm', kernelFunc: tanh },
  { kernelName: 'Pow', backendName: 'wasm', kernelFunc: pow },
];
