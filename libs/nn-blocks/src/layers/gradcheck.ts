/**
 * Finite-difference gradient check for layers (docs/architecture.md §6: each layer's gradient is compared
 * with finite differences). The checked scalar is L = Σ f(θ, x) ⊙ R for a fixed random R, summed
 * in float64 in JS; the numeric derivative is the central difference
 * (L(θ + εe_i) − L(θ − εe_i)) / 2ε at randomly chosen coordinates i of every parameter and input.
 * Use the `cpu` backend and small sizes; float32 rounding limits the accuracy to about 1e-3.
 */
import * as tf from '@tensorflow/tfjs';
import { namedParams, type ParamTree } from '../params/tree.js';
import type { RandomSource } from '@lola-ts/numerics';

export interface GradCheckOptions {
  /** Finite-difference step (default 1e-2). */
  eps?: number;
  /** Coordinates checked per tensor (default 6; all when the tensor is smaller). */
  coordsPerTensor?: number;
}

export interface GradCheckEntry {
  name: string;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradCheckResult {
  entries: GradCheckEntry[];
  /** max over entries of |analytic − numeric| / (1e-3 + |numeric|) … the worst mixed error */
  maxError: number;
}

/**
 * Checks d/dθ and d/dx of `f(inputs)` where `params` (variables, read by `f`) and `inputs`
 * (plain tensors, copied into temporary variables) are perturbed one coordinate at a time.
 */
export function gradientCheck(
  rng: RandomSource,
  f: (inputs: tf.Tensor[]) => tf.Tensor,
  params: ParamTree,
  inputs: tf.Tensor[],
  opts: GradCheckOptions = {},
): GradCheckResult {
  const eps = opts.eps ?? 1e-2;
  const perTensor = opts.coordsPerTensor ?? 6;
  const inputVars = inputs.map((x) => {
    const copy = tf.cast(x, 'float32');
    const v = tf.variable(copy, true);
    copy.dispose();
    return v;
  });
  const targets: [string, tf.Variable][] = [
    ...[...namedParams(params)].filter(([, v]) => v.trainable),
    ...inputVars.map((v, i) => [`input${i}`, v] as [string, tf.Variable]),
  ];
  try {
    const probe = tf.tidy(() => f(inputVars));
    const weights = new Float64Array(probe.size).map(() => 2 * rng.uniform() - 1);
    probe.dispose();
    const lossValue = (): number => {
      const out = tf.tidy(() => f(inputVars));
      const data = out.dataSync();
      out.dispose();
      let s = 0;
      for (let i = 0; i < data.length; i++) s += data[i]! * weights[i]!;
      return s;
    };
    const rTensor = tf.tensor(Float32Array.from(weights), probe.shape);
    const { value, grads } = tf.variableGrads(
      () => tf.tidy(() => tf.sum(tf.mul(f(inputVars), rTensor)) as tf.Scalar),
      targets.map(([, v]) => v),
    );
    value.dispose();
    rTensor.dispose();
    const entries: GradCheckEntry[] = [];
    for (const [name, v] of targets) {
      const g = grads[v.name];
      const analytic = g ? g.dataSync().slice() : new Float32Array(v.size);
      g?.dispose();
      const base = v.dataSync().slice() as Float32Array;
      const coords = pickCoords(rng, v.size, perTensor);
      for (const i of coords) {
        const vals = base.slice();
        vals[i] = base[i]! + eps;
        assignData(v, vals);
        const plus = lossValue();
        vals[i] = base[i]! - eps;
        assignData(v, vals);
        const minus = lossValue();
        assignData(v, base);
        entries.push({ name, index: i, analytic: analytic[i]!, numeric: (plus - minus) / (2 * eps) });
      }
    }
    const maxError = entries.reduce((m, e) => Math.max(m, Math.abs(e.analytic - e.numeric) / (1e-3 + Math.abs(e.numeric))), 0);
    return { entries, maxError };
  } finally {
    for (const v of inputVars) v.dispose();
  }
}

function assignData(v: tf.Variable, data: Float32Array): void {
  const t = tf.tensor(data, v.shape, 'float32');
  v.assign(t);
  t.dispose();
}

function pickCoords(rng: RandomSource, size: number, k: number): number[] {
  if (size <= k) return Array.from({ length: size }, (_, i) => i);
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(rng.int(size));
  return [...chosen];
}
