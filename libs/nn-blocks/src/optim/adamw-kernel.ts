/**
 * One AdamW update of one parameter as a single kernel (`LolaAdamW`, registered for the `cpu` and
 * `wasm` backends) instead of ~14 elementwise ops. It rounds to float32 after every operation in
 * the order of the op-by-op form below, so it gives the same bits as that form on every backend
 * (IEEE float32 mul/add/div/sqrt are correctly rounded, and a float64 result of two float32
 * operands rounded once to float32 is the float32 result):
 *   g' = g·s                          (s = clip coefficient; skipped when s = 1)
 *   m' = β1·m + (1 − β1)·g'
 *   v' = β2·v + (1 − β2)·g'²
 *   p' = p·(1 − lr·λ) − (m'·(lr/bc1)) / (√(v'/bc2) + ε)      (the decay factor skipped when λ = 0)
 * Backends without the kernel (webgpu, tensorflow), and parameters of more than 2^15 values, run
 * the op-by-op form.
 */
import * as tf from '@tensorflow/tfjs';

export const ADAMW_KERNEL = 'LolaAdamW';

/** Scalars of one update; every one is used as its float32 value. */
export interface AdamWScalars {
  beta1: number;
  beta2: number;
  eps: number;
  /** 1 − lr·λ, or 1 for no decay. */
  decay: number;
  /** lr / (1 − β1^t) */
  stepSize: number;
  /** 1 − β2^t */
  bc2: number;
  /** Gradient scale (clip coefficient), 1 for none. */
  gradScale: number;
}

const f = Math.fround;

/** The update loop on float32 arrays (inputs p, g, m, v; outputs p', m', v'). */
export function adamwLoop(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  pOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
  s: AdamWScalars,
): void {
  const b1 = f(s.beta1);
  const c1 = f(1 - s.beta1);
  const b2 = f(s.beta2);
  const c2 = f(1 - s.beta2);
  const bc2 = f(s.bc2);
  const eps = f(s.eps);
  const step = f(s.stepSize);
  const decay = f(s.decay);
  const scale = f(s.gradScale);
  const scaled = s.gradScale !== 1;
  const decayed = s.decay !== 1;
  for (let i = 0; i < p.length; i++) {
    const gi = scaled ? f(g[i]! * scale) : g[i]!;
    const mi = f(f(m[i]! * b1) + f(gi * c1));
    const vi = f(f(v[i]! * b2) + f(f(gi * gi) * c2));
    const denom = f(f(Math.sqrt(f(vi / bc2))) + eps);
    const pi = decayed ? f(p[i]! * decay) : p[i]!;
    pOut[i] = f(pi - f(f(mi * step) / denom));
    mOut[i] = mi;
    vOut[i] = vi;
  }
}

function scalarsOf(attrs: tf.NamedAttrMap): AdamWScalars {
  return attrs as unknown as AdamWScalars;
}

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

interface CpuBackend {
  data: { get(id: tf.DataId): { values: tf.TypedArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.TypedArray): tf.TensorInfo;
}

/** wasm: the loop on heap views; outputs [m', v', p']. */
const wasmKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as unknown as HeapBackend;
  const { p, g, m, v } = inputs as Record<'p' | 'g' | 'm' | 'v', tf.TensorInfo>;
  const outs = [be.makeOutput(p.shape, 'float32'), be.makeOutput(p.shape, 'float32'), be.makeOutput(p.shape, 'float32')] as const;
  const view = (t: tf.TensorInfo) => be.typedArrayFromHeap(t) as Float32Array;
  adamwLoop(view(p), view(g), view(m), view(v), view(outs[2]), view(outs[0]), view(outs[1]), scalarsOf(attrs ?? {}));
  return [...outs];
};

/** cpu: the same loop on the backend's arrays. */
const cpuKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as unknown as CpuBackend;
  const { p, g, m, v } = inputs as Record<'p' | 'g' | 'm' | 'v', tf.TensorInfo>;
  const vals = (t: tf.TensorInfo) => be.data.get(t.dataId).values as Float32Array;
  const n = vals(p).length;
  const [pOut, mOut, vOut] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  adamwLoop(vals(p), vals(g), vals(m), vals(v), pOut, mOut, vOut, scalarsOf(attrs ?? {}));
  return [
    be.makeTensorInfo(p.shape, 'float32', mOut),
    be.makeTensorInfo(p.shape, 'float32', vOut),
    be.makeTensorInfo(p.shape, 'float32', pOut),
  ];
};

for (const [backendName, kernelFunc] of [
  ['wasm', wasmKernel],
  ['cpu', cpuKernel],
] as const) {
  if (!tf.getKernel(ADAMW_KERNEL, backendName)) tf.registerKernel({ kernelName: ADAMW_KERNEL, backendName, kernelFunc });
}

/** The op-by-op form (backends without the kernel, and the reference of the tests). */
export function adamwOps(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, s: AdamWScalars): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const gs = s.gradScale !== 1 ? tf.mul(g, s.gradScale) : g;
    const mNew = tf.add(tf.mul(m, s.beta1), tf.mul(gs, 1 - s.beta1));
    const vNew = tf.add(tf.mul(v, s.beta2), tf.mul(tf.square(gs), 1 - s.beta2));
    const denom = tf.add(tf.sqrt(tf.div(vNew, s.bc2)), s.eps);
    const decayed = s.decay !== 1 ? tf.mul(p, s.decay) : p;
    const pNew = tf.sub(decayed, tf.div(tf.mul(mNew, s.stepSize), denom));
    return [mNew, vNew, pNew];
  });
}

/**
 * Parameters up to this size use the fused kernel. Its scalar JS loop (float64 arithmetic rounded
 * after every operation) costs more per value than the op-by-op form's SIMD kernels on wasm, which
 * instead pay a fixed overhead per op: small parameters are faster fused, large ones (e.g.
 * 3×3×128×128 conv filters) op by op (timings: README "Why these kernels exist (measured)").
 * Both give the same bits.
 */
const FUSED_MAX = 1 << 15;

/** [m', v', p'] of one parameter: the fused kernel when the active backend has it (float32, small), else the ops. */
export function adamwParam(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, s: AdamWScalars): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const fused =
    p.size <= FUSED_MAX && [p, g, m, v].every((t) => t.dtype === 'float32') && tf.getKernel(ADAMW_KERNEL, tf.getBackend()) !== undefined;
  if (!fused) return adamwOps(p, g, m, v, s);
  return tf.engine().runKernel(ADAMW_KERNEL, { p, g, m, v }, s as unknown as tf.NamedAttrMap) as unknown as [
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
  ];
}
