/**
 * Loads the optional native CPU kernels (`native/build/lola_native.node`, built at install time by
 * `native/build.mjs` over OpenBLAS). Absent addon, a load failure or `LOLA_NATIVE=0` → `null` with
 * the reason; the runtime then keeps the plain wasm kernels.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The addon's functions (float offsets and strides into one typed array over the wasm heap). */
export interface NativeAddon {
  gemm(heap: Uint8Array, batch: number, M: number, N: number, K: number, a: number, strideA: number, transA: boolean, b: number, strideB: number, transB: boolean, c: number, strideC: number, beta: number): void;
  conv2d(heap: Uint8Array, mode: 0 | 1 | 2, x: number, w: number, y: number, B: number, H: number, W: number, Ci: number, KH: number, KW: number, Co: number, OH: number, OW: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, bias?: number): void;
  binary(heap: Uint8Array, op: number, a: number, b: number, out: number, dims: number[], stridesA: number[], stridesB: number[]): void;
  reduce(heap: Uint8Array, x: number, out: number, A: number, R: number, C: number, scale: number): void;
  /** out = op(x) (0 exp, 1 sigmoid, 2 tanh, 3 square, 4 rsqrt, 5 silu, 6 gelu); with dy (5, 6): out = dy·op'(x). */
  unary(heap: Uint8Array, op: number, x: number, out: number, n: number, dy?: number): void;
  /** softmax(scale·x) over the last axis; softmaxGrad: dx = scale·y⊙(dy − Σ dy⊙y). */
  softmax(heap: Uint8Array, x: number, out: number, rows: number, cols: number, scale: number): void;
  softmaxGrad(heap: Uint8Array, y: number, dy: number, dx: number, rows: number, cols: number, scale: number): void;
  norm(heap: Uint8Array, x: number, y: number, r: number, rows: number, cols: number, eps: number, centre: boolean, unbiased: boolean): void;
  normGrad(heap: Uint8Array, dy: number, y: number, r: number, dx: number, rows: number, cols: number, centre: boolean, unbiased: boolean): void;
  /** out[i] = x[Σ_k i_k·strides[k]] over dims (4-byte elements, rank 1–8). */
  strided(heap: Uint8Array, x: number, out: number, dims: number[], strides: number[]): void;
  setThreads(n: number): void;
  setConvEngine(name: 'dnnl' | 'im2col'): void;
  info(): { config: string; core: string; threads: number; conv: string };
}

export type NativeLoad = { ok: true; addon: NativeAddon; file: string } | { ok: false; reason: string };

/** Path of the built addon (same relative place from src/runtime/native and dist/runtime/native). */
export const ADDON_FILE = fileURLToPath(new URL('../../../native/build/lola_native.node', import.meta.url));

let cached: NativeLoad | null = null;

/**
 * Loads the addon once. Before loading, OpenBLAS's and OpenMP's idle worker threads are told to
 * sleep soon instead of spinning (`OPENBLAS_THREAD_TIMEOUT`, `OMP_WAIT_POLICY`, unless set): on a
 * machine with as many cores as threads, spinning workers steal the cores the wasm thread pool needs.
 */
export function loadNative(): NativeLoad {
  if (cached) return cached;
  if (process.env['LOLA_NATIVE'] === '0') return (cached = { ok: false, reason: 'native kernels disabled (LOLA_NATIVE=0)' });
  if (!existsSync(ADDON_FILE)) {
    return (cached = { ok: false, reason: `native kernels not built (${ADDON_FILE} missing: it needs g++ and OpenBLAS at install time, e.g. apt-get install g++ libopenblas-dev, then npm rebuild @lola-ts/nn-blocks)` });
  }
  process.env['OPENBLAS_THREAD_TIMEOUT'] ??= '4';
  process.env['OMP_WAIT_POLICY'] ??= 'PASSIVE';
  try {
    const addon = createRequire(import.meta.url)(ADDON_FILE) as NativeAddon;
    return (cached = { ok: true, addon, file: ADDON_FILE });
  } catch (e) {
    return (cached = { ok: false, reason: `native kernels failed to load from ${ADDON_FILE}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
  }
}
