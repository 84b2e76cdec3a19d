/**
 * Fused kernels with no tfjs counterpart, registered for `wasm` with the native kernels: the
 * normalisers of layers/norm.ts (`LolaNorm` → [y, r], `LolaNormGrad` → dx) and the activations of
 * layers/activation.ts (`LolaActivation`, `LolaActivationGrad`, attr `op`: 'silu' | 'gelu'), each
 * one pass over the data instead of 3–15 element-wise ops (docs/runtime.md §3). The layers use
 * them only while {@link fusedKernelActive} (wasm backend, native kernels on); elsewhere they run
 * the op-by-op form, which the conformance tests compare against.
 */
import { heapOffset, sizeOf, type Attrs, type BackendWasm, type TensorInfo } from '../wasm/util.js';
import type { NativeAddon } from './addon-types.js';
import { GELU, nativeUnary, nativeUnaryGrad, SILU } from './unary.js';

type Fused = (
  addon: NativeAddon,
  be: BackendWasm,
  inputs: Record<string, TensorInfo | undefined>,
  attrs: Attrs,
) => TensorInfo | TensorInfo[];

export const NORM_KERNEL = 'LolaNorm';
export const NORM_GRAD_KERNEL = 'LolaNormGrad';
export const ACTIVATION_KERNEL = 'LolaActivation';
export const ACTIVATION_GRAD_KERNEL = 'LolaActivationGrad';
export const SOFTMAX_KERNEL = 'LolaSoftmax';
export const SOFTMAX_GRAD_KERNEL = 'LolaSoftmaxGrad';

const heap = (be: BackendWasm): Uint8Array => (be.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
const off = (be: BackendWasm, t: TensorInfo): number => heapOffset(be, t) / 4;

function activationOp(attrs: Attrs): number {
  const op = attrs['op'];
  if (op === 'silu') return SILU;
  if (op === 'gelu') return GELU;
  throw new Error(`${ACTIVATION_KERNEL}: unknown op '${String(op)}' (expected 'silu' or 'gelu')`);
}

function rowsOf(x: TensorInfo): [number, number] {
  const cols = x.shape[x.shape.length - 1] ?? 1;
  return [cols === 0 ? 0 : sizeOf(x.shape) / cols, cols];
}

export const FUSED_KERNELS: Record<string, Fused> = {
  [NORM_KERNEL]: (addon, be, i, at) => {
    const x = i['x']!;
    const [rows, cols] = rowsOf(x);
    const y = be.makeOutput(x.shape, 'float32');
    const r = be.makeOutput([...x.shape.slice(0, -1), 1], 'float32');
    if (rows > 0)
      addon.norm(
        heap(be),
        off(be, x),
        off(be, y),
        off(be, r),
        rows,
        cols,
        at['eps'] as number,
        Boolean(at['centre']),
        Boolean(at['unbiased']),
      );
    return [y, r];
  },
  [NORM_GRAD_KERNEL]: (addon, be, i, at) => {
    const dy = i['dy']!;
    const [rows, cols] = rowsOf(dy);
    const dx = be.makeOutput(dy.shape, 'float32');
    if (rows > 0)
      addon.normGrad(
        heap(be),
        off(be, dy),
        off(be, i['y']!),
        off(be, i['r']!),
        off(be, dx),
        rows,
        cols,
        Boolean(at['centre']),
        Boolean(at['unbiased']),
      );
    return dx;
  },
  [ACTIVATION_KERNEL]: (addon, be, i, at) => {
    const x = i['x']!;
    return nativeUnary(addon, be, activationOp(at), x, true) ?? be.makeOutput(x.shape, 'float32');
  },
  [ACTIVATION_GRAD_KERNEL]: (addon, be, i, at) => nativeUnaryGrad(addon, be, activationOp(at), i['x']!, i['dy']!),
  [SOFTMAX_KERNEL]: (addon, be, i, at) => {
    const x = i['x']!;
    const [rows, cols] = rowsOf(x);
    const y = be.makeOutput(x.shape, 'float32');
    if (rows > 0) addon.softmax(heap(be), off(be, x), off(be, y), rows, cols, at['scale'] as number);
    return y;
  },
  [SOFTMAX_GRAD_KERNEL]: (addon, be, i, at) => {
    const y = i['y']!;
    const [rows, cols] = rowsOf(y);
    const dx = be.makeOutput(y.shape, 'float32');
    if (rows > 0) addon.softmaxGrad(heap(be), off(be, y), off(be, i['dy']!), off(be, dx), rows, cols, at['scale'] as number);
    return dx;
  },
};
