/**
 * BatchMatMul (and _FusedMatMul) for wasm routed through XNNPACK (docs/runtime.md §3).
 *
 * The stock kernel uses XNNPACK only for a single 2-D product without transposes and otherwise a
 * scalar loop, far slower (every weight gradient, every attention product). Here:
 * C[i] = op(A[i]) · op(B[i]) with op = identity or transpose is computed as
 * 1. explicit transposes of the operands that need it (wasm Transpose kernel),
 * 2. when B has batch 1, the batch of A is folded into its rows: one [batch·M, K] × [K, N] product,
 * 3. equal batches of small products (≤ 2^20 multiply-adds each, e.g. attention heads): one
 *    grouped (depthwise) convolution for the whole batch when the layout changes it needs are
 *    cheaper than one call per batch entry (grouped-matmul.ts),
 * 4. otherwise one XNNPACK 2-D product per batch entry on zero-copy views of the wasm heap,
 *    writing straight into the output.
 * General broadcasting (batch sizes that differ and are not 1) stays on the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { biasAndActivation } from './bias-activation.js';
import { groupedMatMul, groupedPlan } from './grouped-matmul.js';
import { matMulShape } from './matmul-shape.js';
import {
  callWasm,
  dropView,
  heapOffset,
  release,
  reshape,
  sizeOf,
  transpose,
  view,
  type Attrs,
  type BackendWasm,
  type TensorInfo,
} from './util.js';

type MatMulFn = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;

const cwraps = new WeakMap<object, MatMulFn>();

function rawMatMul(be: BackendWasm): MatMulFn {
  let fn = cwraps.get(be.wasm);
  if (!fn) {
    const mod = be.wasm as unknown as { cwrap: (name: string, ret: null, args: string[]) => unknown };
    fn = mod.cwrap('BatchMatMul', null, [
      'number',
      'array',
      'number',
      'number',
      'array',
      'number',
      'number',
      'number',
      'number',
    ]) as unknown as MatMulFn;
    cwraps.set(be.wasm, fn);
  }
  return fn;
}

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/** XNNPACK product of [1,M,K] × [1,K,N] into the [1,M,N] tensor `out` (all float32, no transposes). */
export function xnnProduct(be: BackendWasm, a: TensorInfo, b: TensorInfo, out: TensorInfo): void {
  const id = (t: TensorInfo) => be.dataIdMap.get(t.dataId)!.id;
  rawMatMul(be)(id(a), shapeBytes(a.shape), 3, id(b), shapeBytes(b.shape), 3, false, false, id(out));
}

/** Operands as contiguous [batch, rows, cols] with the transposes applied; null when not fast-pathable. */
interface Prepared {
  A: TensorInfo;
  B: TensorInfo;
  batchA: number;
  batchB: number;
  M: number;
  K: number;
  N: number;
  outShape: number[];
}

function prepare(be: BackendWasm, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): Prepared | null {
  const shape = matMulShape(a, b, transposeA, transposeB);
  if (shape === null) return null;
  const { batchA, batchB, M, K, N, outOuter } = shape;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const a3 = reshape(be, a, [batchA, a.shape[ra - 2]!, a.shape[ra - 1]!]);
  const b3 = reshape(be, b, [batchB, b.shape[rb - 2]!, b.shape[rb - 1]!]);
  let A = a3;
  let B = b3;
  if (transposeA) {
    A = transpose(be, a3, [0, 2, 1]);
    release(be, a3);
  }
  if (transposeB) {
    B = transpose(be, b3, [0, 2, 1]);
    release(be, b3);
  }
  return { A, B, batchA, batchB, M, K, N, outShape: [...outOuter, M, N] };
}

/** op(A)·op(B) on the fast paths, or null when only the stock kernel handles the shapes. */
export function fastMatMul(be: BackendWasm, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo | null {
  const g = groupedPlan(a, b, transposeA, transposeB);
  if (g) return groupedMatMul(be, a, b, g);
  const p = prepare(be, a, b, transposeA, transposeB);
  if (!p) return null;
  const { A, B, batchA, batchB, M, K, N } = p;
  let out: TensorInfo;
  if (batchB === 1) {
    const A2 = reshape(be, A, [1, batchA * M, K]);
    out = be.makeOutput([1, batchA * M, N], 'float32');
    xnnProduct(be, A2, B, out);
    release(be, A2);
  } else {
    const batch = Math.max(batchA, batchB);
    out = be.makeOutput([batch, M, N], 'float32');
    const offA = heapOffset(be, A);
    const offB = heapOffset(be, B);
    const offO = heapOffset(be, out);
    for (let i = 0; i < batch; i++) {
      const av = view(be, [1, M, K], offA + (batchA === 1 ? 0 : i * M * K * 4));
      const bv = view(be, [1, K, N], offB + i * K * N * 4);
      const ov = view(be, [1, M, N], offO + i * M * N * 4);
      xnnProduct(be, av, bv, ov);
      dropView(be, av);
      dropView(be, bv);
      dropView(be, ov);
    }
  }
  release(be, A, B);
  const shaped = reshape(be, out, p.outShape);
  release(be, out);
  return shaped;
}

/** Kernel function: inputs `{a, b}`, attrs `{transposeA, transposeB}`. */
export const batchMatMul: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const a = inputs['a'] as TensorInfo;
  const b = inputs['b'] as TensorInfo;
  const at = (attrs ?? {}) as Attrs;
  const fast = fastMatMul(be, a, b, Boolean(at['transposeA']), Boolean(at['transposeB']));
  return fast ?? callWasm('BatchMatMul', be, { a, b }, at);
};

/** matMul, then Add(bias), then the activation, each by its own wasm kernel. */
function composedFused(be: BackendWasm, inputs: Record<string, TensorInfo | undefined>, at: Attrs): TensorInfo {
  const a = inputs['a']!;
  const b = inputs['b']!;
  const tA = Boolean(at['transposeA']);
  const tB = Boolean(at['transposeB']);
  const t = fastMatMul(be, a, b, tA, tB) ?? callWasm('BatchMatMul', be, { a, b }, { transposeA: tA, transposeB: tB });
  return biasAndActivation(be, t, inputs, at, '_FusedMatMul', 'wasm');
}

/**
 * _FusedMatMul. The stock kernel is right only for a bias / PReLU weights of N values along the
 * last axis (a bias of shape [1] reads past its end) and fast only for one 2-D product. With such
 * a bias and `b` of batch 1, transposes are made explicit and the batch of `a` folded into its rows,
 * and the stock kernel runs its XNNPACK path with the fused bias and activation; any other case is
 * composed as matMul (fast paths) + Add + activation kernel.
 */
export const fusedMatMul: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as BackendWasm;
  const at = (attrs ?? {}) as Attrs;
  const ins = inputs as Record<string, TensorInfo | undefined>;
  const a = ins['a']!;
  const b = ins['b']!;
  const bias = ins['bias'];
  const prelu = ins['preluActivationWeights'];
  const tA = Boolean(at['transposeA']);
  const tB = Boolean(at['transposeB']);
  const rb = b.shape.length;
  const n = tB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const lastOnly = (t: TensorInfo | undefined) => !t || (sizeOf(t.shape) === n && t.shape[t.shape.length - 1] === n);
  if (!lastOnly(bias) || !lastOnly(prelu) || sizeOf(b.shape.slice(0, -2)) !== 1) return composedFused(be, ins, at);
  if (!tA && !tB && sizeOf(a.shape.slice(0, -2)) === 1) {
    return callWasm('_FusedMatMul', be, inputs as Record<string, TensorInfo>, at);
  }
  const p = prepare(be, a, b, tA, tB);
  if (!p) return composedFused(be, ins, at);
  const A2 = reshape(be, p.A, [1, p.batchA * p.M, p.K]);
  const extra: Record<string, TensorInfo> = {};
  if (bias) extra['bias'] = bias;
  if (prelu) extra['preluActivationWeights'] = prelu;
  const out = callWasm('_FusedMatMul', be, { a: A2, b: p.B, ...extra }, { ...at, transposeA: false, transposeB: false });
  release(be, A2, p.A, p.B);
  const shaped = reshape(be, out, p.outShape);
  release(be, out);
  return shaped;
};

export const batchMatMulConfigs: tf.KernelConfig[] = [
  { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMul },
  { kernelName: '_FusedMatMul', backendName: 'wasm', kernelFunc: fusedMatMul },
];
