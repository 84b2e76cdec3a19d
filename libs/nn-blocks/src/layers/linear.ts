/**
 * Linear (fully connected) layer over the last axis: y = x·W + b.
 * Layout: weight [in, out], bias [out] (PyTorch stores weight as [out, in]; see params/layout.ts).
 * Init (PyTorch default, docs/method.md §2.1 via `torch.nn.Linear`): W, b ~ U(±1/√in).
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { torchDefaultBound, uniformVariable } from '../params/init.js';

export interface LinearParams {
  /** [inFeatures, outFeatures] */
  weight: tf.Variable;
  /** [outFeatures], absent when created with `bias: false` */
  bias?: tf.Variable;
}

export interface LinearOptions {
  /** Add a bias (default true). */
  bias?: boolean;
}

/** Creates linear-layer parameters with PyTorch's default init, drawn from `rng` (weight then bias). */
export function initLinear(rng: RandomSource, inFeatures: number, outFeatures: number, opts: LinearOptions = {}): LinearParams {
  const bound = torchDefaultBound(inFeatures);
  const weight = uniformVariable(rng, [inFeatures, outFeatures], bound);
  if (opts.bias === false) return { weight };
  return { weight, bias: uniformVariable(rng, [outFeatures], bound) };
}

/**
 * y[..., o] = Σ_i x[..., i]·W[i, o] + b[o]. Inputs of any rank ≥ 1 are flattened to 2-D for the
 * product (the broadcasting rank-3 × rank-2 matMul gradient of tfjs 4.22 is wrong, docs/runtime.md §2).
 */
export function linear(p: LinearParams, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [inF, outF] = p.weight.shape as [number, number];
    const lead = x.shape.slice(0, -1);
    if (x.shape[x.rank - 1] !== inF) throw new Error(`linear: input's last axis is ${x.shape[x.rank - 1]}, weight expects ${inF}`);
    let y = tf.matMul(tf.reshape(x, [-1, inF]), p.weight);
    if (p.bias) y = tf.add(y, p.bias);
    return tf.reshape(y, [...lead, outF]);
  });
}
