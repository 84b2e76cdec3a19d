/** The native addon's interface, in a Node-free module so that browser code can name it (addon.ts loads it). */
/** The addon's functions (float offsets and strides into one typed array over the wasm heap). */
export interface NativeAddon {
  gemm(
    heap: Uint8Array,
    batch: number,
    M: number,
    N: number,
    K: number,
    a: number,
    strideA: number,
    transA: boolean,
    b: number,
    strideB: number,
    transB: boolean,
    c: number,
    strideC: number,
    beta: number,
  ): void;
  conv2d(
    heap: Uint8Array,
    mode: 0 | 1 | 2,
    x: number,
    w: number,
    y: number,
    B: number,
    H: number,
    W: number,
    Ci: number,
    KH: number,
    KW: number,
    Co: number,
    OH: number,
    OW: number,
    sh: number,
    sw: number,
    dh: number,
    dw: number,
    pt: number,
    pl: number,
    bias?: number,
  ): void;
  binary(heap: Uint8Array, op: number, a: number, b: number, out: number, dims: number[], stridesA: number[], stridesB: number[]): void;
  reduce(heap: Uint8Array, x: number, out: number, A: number, R: number, C: number, scale: number): void;
  /** out = op(x) (0 exp, 1 sigmoid, 2 tanh, 3 square, 4 rsqrt, 5 silu, 6 gelu); with dy (5, 6): out = dy·op'(x). */
  unary(heap: Uint8Array, op: number, x: number, out: number, n: number, dy?: number): void;
  /** softmax(scale·x) over the last axis; softmaxGrad: dx = scale·y⊙(dy − Σ dy⊙y). */
  softmax(heap: Uint8Array, x: number, out: number, rows: number, cols: number, scale: number): void;
  softmaxGrad(heap: Uint8Array, y: number, dy: number, dx: number, rows: number, cols: number, scale: number): void;
  norm(
    heap: Uint8Array,
    x: number,
    y: number,
    r: number,
    rows: number,
    cols: number,
    eps: number,
    centre: boolean,
    unbiased: boolean,
  ): void;
  normGrad(
    heap: Uint8Array,
    dy: number,
    y: number,
    r: number,
    dx: number,
    rows: number,
    cols: number,
    centre: boolean,
    unbiased: boolean,
  ): void;
  /** out[i] = x[Σ_k i_k·strides[k]] over dims (4-byte elements, rank 1–8). */
  strided(heap: Uint8Array, x: number, out: number, dims: number[], strides: number[]): void;
  setThreads(n: number): void;
  setConvEngine(name: 'dnnl' | 'im2col'): void;
  info(): { config: string; core: string; threads: number; conv: string };
}
