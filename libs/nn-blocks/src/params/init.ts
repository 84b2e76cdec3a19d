/**
 * Seeded parameter initialisation with PyTorch's default formulas, so that LoLa's init scales
 * (the 1e-2 scalings and pseudo-identities of docs/method.md §2.1, §8.2) act on the same base
 * distributions.
 *
 * PyTorch `nn.Linear` / `nn.ConvNd` reset: weight ~ kaiming_uniform(a = √5), i.e.
 * U(−b, b) with b = gain·√(3 / fan_in), gain = √(2 / (1 + a²)) = √(1/3), hence b = 1/√fan_in;
 * bias ~ U(−1/√fan_in, 1/√fan_in). fan_in = in_features (linear) or in_channels · ∏ kernel.
 */
import { sizeOf, type RandomSource } from '@lola-ts/numerics';
import * as tf from '@tensorflow/tfjs';

/** PyTorch's default bound for both weights (kaiming-uniform, a = √5) and biases: 1/√fan_in. */
export function torchDefaultBound(fanIn: number): number {
  if (!(fanIn > 0)) throw new RangeError(`torchDefaultBound: fan_in must be > 0, got ${fanIn}`);
  return 1 / Math.sqrt(fanIn);
}

function variableFrom(values: Float32Array, shape: number[], trainable: boolean): tf.Variable {
  const t = tf.tensor(values, shape, 'float32');
  const v = tf.variable(t, trainable);
  t.dispose();
  return v;
}

/** A float32 variable with entries U(−bound, bound), drawn in row-major order from `rng`. */
export function uniformVariable(rng: RandomSource, shape: number[], bound: number, trainable = true): tf.Variable {
  const n = sizeOf(shape);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = bound * (2 * rng.uniform() - 1);
  return variableFrom(values, shape, trainable);
}

/** A float32 variable with entries std·N(0, 1), drawn in row-major order from `rng`. */
export function normalVariable(rng: RandomSource, shape: number[], std = 1, trainable = true): tf.Variable {
  const n = sizeOf(shape);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = std * rng.normal();
  return variableFrom(values, shape, trainable);
}

/** A float32 variable filled with `value`. */
export function constantVariable(shape: number[], value = 0, trainable = true): tf.Variable {
  const n = sizeOf(shape);
  return variableFrom(new Float32Array(n).fill(value), shape, trainable);
}

/** Multiplies a variable in place by `factor` (e.g. LoLa's 1e-2 scaling of last convs). */
export function scaleVariable(v: tf.Variable, factor: number): void {
  const scaled = tf.tidy(() => tf.mul(v, factor));
  v.assign(scaled);
  scaled.dispose();
}
