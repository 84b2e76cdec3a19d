/**
 * Equal batches of small matrix products in ONE XNNPACK call (one thread-pool dispatch instead of
 * one per batch entry), for the wasm BatchMatMul kernel.
 *
 * A depthwise convolution with channel multiplier N over a [1, R·K, 1, G] image, kernel [K, 1],
 * stride K, VALID, computes out[i, g, n] = Σ_k x[i·K + k, g]·f[k, g, n]: G independent [R, K]·[K, N]
 * products. Two layouts compute C[g] = op(A[g])·op(B[g]) ([M, K]·[K, N]) that way:
 * - direct:  x = op(A) laid out [M, K, G], f = op(B) as [K, G, N], out [M, G, N] → C by [1, 0, 2];
 * - swapped: Cᵀ = op(B)ᵀ·op(A)ᵀ: x = op(B)ᵀ as [N, K, G], f = op(A)ᵀ as [K, G, M], out [N, G, M] →
 *   C by [1, 2, 0].
 * The operand transposes fold into these layout changes. Moving G innermost scatters every element
 * (`SCATTER` below); a layout that keeps the innermost axis is a block copy (`BLOCK`).
 * The plan takes the cheapest of direct, swapped and the per-entry products (`CALL` per XNNPACK
 * call, plus explicit transposes): e.g. for attention on [64, 80, 16] heads, q·kᵀ goes direct, p·v
 * per entry, pᵀ·dy swapped.
 */
import { stripOnes } from './matmul-shape.js';
import { callWasm, release, reshape, sizeOf, transpose, type BackendWasm, type TensorInfo } from './util.js';

/** Products of at most this many multiply-adds each are considered for one grouped convolution. */
const GROUPED_MAX_WORK = 1 << 20;
/**
 * Cost model (ns): per element moved with G innermost, per element block-copied, per XNNPACK call
 * (only compared with each other; where they come from: README "Why these kernels exist (measured)").
 */
const SCATTER = 4;
const BLOCK = 0.6;
const CALL = 20_000;

export interface GroupedPlan {
  layout: 'direct' | 'swapped';
  G: number;
  M: number;
  K: number;
  N: number;
  tA: boolean;
  tB: boolean;
  outShape: number[];
}

/**
 * The grouped plan for equal batches G > 1 of float32 products of ≤ 2^20 multiply-adds, or null
 * (other shapes, or per-entry products are cheaper).
 */
export function groupedPlan(a: TensorInfo, b: TensorInfo, tA: boolean, tB: boolean): GroupedPlan | null {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || ra < 3 || rb < 3) return null;
  const outerA = stripOnes(a.shape.slice(0, -2));
  if (outerA.join() !== stripOnes(b.shape.slice(0, -2)).join()) return null;
  const G = sizeOf(outerA);
  const M = tA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = tA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const N = tB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const Kb = tB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  if (G < 2 || K !== Kb || M * N * K === 0 || M * K * N > GROUPED_MAX_WORK) return null;
  const [sa, sb, sc] = [G * M * K, G * K * N, G * M * N];
  const perEntry = G * CALL + (tA ? SCATTER * sa : 0) + (tB ? SCATTER * sb : 0);
  const direct = SCATTER * sa + (tB ? SCATTER : BLOCK) * sb + BLOCK * sc;
  const swapped = SCATTER * sb + (tA ? BLOCK : SCATTER) * sa + SCATTER * sc;
  if (perEntry < Math.min(direct, swapped)) return null;
  const outer = (ra >= rb ? a : b).shape.slice(0, -2);
  return { layout: direct <= swapped ? 'direct' : 'swapped', G, M, K, N, tA, tB, outShape: [...outer, M, N] };
}

/** out[r, g, n] = Σ_k x[r, k, g]·f[k, g, n] for x [R, K, G], f [K, G, N] (contiguous). */
function groupedConv(be: BackendWasm, x: TensorInfo, f: TensorInfo, R: number, K: number, G: number, N: number): TensorInfo {
  const x4 = reshape(be, x, [1, R * K, 1, G]);
  const f4 = reshape(be, f, [K, 1, G, N]);
  const y = callWasm(
    'DepthwiseConv2dNative',
    be,
    { x: x4, filter: f4 },
    { strides: [K, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC' },
  );
  release(be, x4, f4);
  return y;
}

/** C = op(A)·op(B) by the plan; shaped as the broadcast batch shape + [M, N]. */
export function groupedMatMul(be: BackendWasm, a: TensorInfo, b: TensorInfo, p: GroupedPlan): TensorInfo {
  const { G, M, K, N, tA, tB } = p;
  const a3 = reshape(be, a, [G, a.shape[a.shape.length - 2]!, a.shape[a.shape.length - 1]!]);
  const b3 = reshape(be, b, [G, b.shape[b.shape.length - 2]!, b.shape[b.shape.length - 1]!]);
  let y: TensorInfo;
  let perm: number[];
  let x: TensorInfo;
  let f: TensorInfo;
  if (p.layout === 'direct') {
    x = transpose(be, a3, tA ? [2, 1, 0] : [1, 2, 0]); // [M, K, G]
    f = transpose(be, b3, tB ? [2, 0, 1] : [1, 0, 2]); // [K, G, N]
    y = groupedConv(be, x, f, M, K, G, N); // [M, G, N]
    perm = [1, 0, 2];
  } else {
    x = transpose(be, b3, tB ? [1, 2, 0] : [2, 1, 0]); // [N, K, G]
    f = transpose(be, a3, tA ? [1, 0, 2] : [2, 0, 1]); // [K, G, M]
    y = groupedConv(be, x, f, N, K, G, M); // [N, G, M]
    perm = [1, 2, 0];
  }
  const y3 = reshape(be, y, p.layout === 'direct' ? [M, G, N] : [N, G, M]);
  const c = transpose(be, y3, perm); // [G, M, N]
  const out = reshape(be, c, p.outShape);
  release(be, a3, b3, x, f, y, y3, c);
  return out;
}
