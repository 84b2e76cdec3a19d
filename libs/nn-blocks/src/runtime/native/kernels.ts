/**
 * Native kernels for the wasm backend: products, 2-D convolutions, broadcasting binary ops and
 * sums computed by the addon (OpenBLAS sgemm; oneDNN or im2col / col2im + sgemm; OpenMP loops)
 * straight on the wasm heap, without copies. Each
 * returns null for what it does not handle (non-float32, NCHW, broadcasting batches, empty
 * tensors), and the registered wrapper then runs the kernel it replaced (the runtime's wasm one).
 */
import { heapOffset, nhwcConvInfo, type Attrs, type BackendWasm, type TensorInfo } from '../wasm/util.js';
import { biasAndActivation } from '../wasm/bias-activation.js';
import { matMulShape } from '../wasm/matmul-shape.js';
import type { NativeAddon } from './addon-types.js';
import { BINARY_OPS, nativeBinary, nativeReduce } from './elementwise.js';
import { nativeTranspose } from './transpose.js';
import { nativeSoftmax, nativeUnary, UNARY_OPS } from './unary.js';

type Native = (addon: NativeAddon, be: BackendWasm, inputs: Record<string, TensorInfo | undefined>, attrs: Attrs) => TensorInfo | null;

const heap = (be: BackendWasm): Uint8Array => (be.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
const f32 = (t: TensorInfo | undefined): boolean => t !== undefined && t.dtype === 'float32';
const off = (be: BackendWasm, t: TensorInfo): number => heapOffset(be, t) / 4;

/** op(a)·op(b) for batches that are equal or 1; null otherwise. */
export function nativeMatMul(
  addon: NativeAddon,
  be: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  tA: boolean,
  tB: boolean,
): TensorInfo | null {
  const shape = matMulShape(a, b, tA, tB);
  if (shape === null) return null;
  const { batchA, batchB, M, K, N, outOuter } = shape;
  const out = be.makeOutput([...outOuter, M, N], 'float32');
  const batch = Math.max(batchA, batchB);
  const h = heap(be);
  if (batchB === 1 && !tA) {
    // The batch of a folded into its rows: one [batch·M, K] × op(B) product.
    addon.gemm(h, 1, batch * M, N, K, off(be, a), 0, false, off(be, b), 0, tB, off(be, out), 0, 0);
  } else {
    addon.gemm(
      h,
      batch,
      M,
      N,
      K,
      off(be, a),
      batchA === 1 ? 0 : M * K,
      tA,
      off(be, b),
      batchB === 1 ? 0 : K * N,
      tB,
      off(be, out),
      M * N,
      0,
    );
  }
  return out;
}

const batchMatMul: Native = (addon, be, i, at) =>
  nativeMatMul(addon, be, i['a']!, i['b']!, Boolean(at['transposeA']), Boolean(at['transposeB']));

const fusedMatMul: Native = (addon, be, i, at) => {
  const t = nativeMatMul(addon, be, i['a']!, i['b']!, Boolean(at['transposeA']), Boolean(at['transposeB']));
  return t && biasAndActivation(be, t, i, at, '_FusedMatMul', 'native');
};

type Conv = {
  B: number;
  H: number;
  W: number;
  Ci: number;
  KH: number;
  KW: number;
  Co: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  pt: number;
  pl: number;
};

function convGeometry(xShape: number[], filterShape: number[], at: Attrs, dilations: unknown): Conv | null {
  const format = at['dataFormat'] as string | undefined;
  if (format !== undefined && format !== 'NHWC') return null;
  const info = nhwcConvInfo('Conv2D', xShape, filterShape, at, dilations ?? 1);
  const g: Conv = {
    B: info.batchSize,
    H: info.inHeight,
    W: info.inWidth,
    Ci: info.inChannels,
    KH: info.filterHeight,
    KW: info.filterWidth,
    Co: info.outChannels,
    OH: info.outHeight,
    OW: info.outWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dh: info.dilationHeight,
    dw: info.dilationWidth,
    pt: info.padInfo.top,
    pl: info.padInfo.left,
  };
  const positive = [g.B, g.H, g.W, g.Ci, g.KH, g.KW, g.Co, g.OH, g.OW, g.sh, g.sw, g.dh, g.dw].every((v) => Number.isInteger(v) && v > 0);
  return positive && g.pt >= 0 && g.pl >= 0 ? g : null;
}

function runConv(
  addon: NativeAddon,
  be: BackendWasm,
  mode: 0 | 1 | 2,
  x: TensorInfo,
  w: TensorInfo,
  y: TensorInfo,
  g: Conv,
  bias?: TensorInfo,
): void {
  const args = [
    heap(be),
    mode,
    off(be, x),
    off(be, w),
    off(be, y),
    g.B,
    g.H,
    g.W,
    g.Ci,
    g.KH,
    g.KW,
    g.Co,
    g.OH,
    g.OW,
    g.sh,
    g.sw,
    g.dh,
    g.dw,
    g.pt,
    g.pl,
  ] as const;
  if (bias) addon.conv2d(...args, off(be, bias));
  else addon.conv2d(...args);
}

/** The forward conv; a float32 bias of shape [Co] is added inside the convolution (oneDNN's bias). */
function convForward(
  addon: NativeAddon,
  be: BackendWasm,
  i: Record<string, TensorInfo | undefined>,
  at: Attrs,
  bias?: TensorInfo,
): TensorInfo | null {
  const x = i['x']!;
  const w = i['filter']!;
  if (!f32(x) || !f32(w)) return null;
  const g = convGeometry(x.shape, w.shape, at, at['dilations']);
  if (!g) return null;
  const y = be.makeOutput([g.B, g.OH, g.OW, g.Co], 'float32');
  runConv(addon, be, 0, x, w, y, g, bias);
  return y;
}

const conv2d: Native = (addon, be, i, at) => convForward(addon, be, i, at);

const fusedConv2d: Native = (addon, be, i, at) => {
  const bias = i['bias'];
  const inner = bias && f32(bias) && bias.shape.length === 1 && bias.shape[0] === i['filter']!.shape[3] ? bias : undefined;
  const y = convForward(addon, be, i, at, inner);
  return y && biasAndActivation(be, y, inner ? { ...i, bias: undefined } : i, at, 'FusedConv2D', 'native');
};

const conv2dBackpropInput: Native = (addon, be, i, at) => {
  const dy = i['dy']!;
  const w = i['filter']!;
  if (!f32(dy) || !f32(w)) return null;
  const inputShape = at['inputShape'] as number[];
  const g = convGeometry(inputShape, w.shape, at, 1);
  if (!g || dy.shape.join() !== [g.B, g.OH, g.OW, g.Co].join()) return null;
  const dx = be.makeOutput([g.B, g.H, g.W, g.Ci], 'float32');
  runConv(addon, be, 1, dx, w, dy, g);
  return dx;
};

const conv2dBackpropFilter: Native = (addon, be, i, at) => {
  const x = i['x']!;
  const dy = i['dy']!;
  if (!f32(x) || !f32(dy)) return null;
  const filterShape = at['filterShape'] as number[];
  const g = convGeometry(x.shape, filterShape, at, 1);
  if (!g || dy.shape.join() !== [g.B, g.OH, g.OW, g.Co].join()) return null;
  const dw = be.makeOutput([g.KH, g.KW, g.Ci, g.Co], 'float32');
  runConv(addon, be, 2, x, dw, dy, g);
  return dw;
};

/** The native kernels by tfjs kernel name. */
export const NATIVE_KERNELS: Record<string, Native> = {
  BatchMatMul: batchMatMul,
  _FusedMatMul: fusedMatMul,
  Conv2D: conv2d,
  FusedConv2D: fusedConv2d,
  Conv2DBackpropInput: conv2dBackpropInput,
  Conv2DBackpropFilter: conv2dBackpropFilter,
  ...Object.fromEntries(
    Object.entries(BINARY_OPS).map(([name, op]): [string, Native] => [
      name,
      (addon, be, i) => nativeBinary(addon, be, op, i['a']!, i['b']!),
    ]),
  ),
  Sum: (addon, be, i, at) => nativeReduce(addon, be, 'Sum', i['x']!, at),
  Mean: (addon, be, i, at) => nativeReduce(addon, be, 'Mean', i['x']!, at),
  ...Object.fromEntries(
    Object.entries(UNARY_OPS).map(([name, op]): [string, Native] => [name, (addon, be, i) => nativeUnary(addon, be, op, i['x']!)]),
  ),
  Softmax: (addon, be, i, at) => nativeSoftmax(addon, be, i['logits']!, at),
  Transpose: (addon, be, i, at) => nativeTranspose(addon, be, i['x']!, at),
};
