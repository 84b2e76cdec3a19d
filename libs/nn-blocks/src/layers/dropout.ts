/**
 * Inverted dropout (docs/method.md §2.1, §8.2: rate 0.05): in training, y = x ⊙ m / (1 − p) with
 * m ~ Bernoulli(1 − p) drawn from a seed taken from `rng`; at evaluation (or p = 0), y = x.
 * Determinism: the mask depends only on the draw from `rng`, so a model forward that consumes its
 * `rng` in a fixed order is reproducible.
 *
 * The mask is the one of `tf.randomUniform(shape, 0, 1, 'float32', seed) >= p` (tfjs draws those
 * numbers with seedrandom's alea seeded by the seed's decimal string), built in one pass as the
 * scaled values 1/(1 − p) or 0 and applied by a single multiply.
 */
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import type { RandomSource } from '@lola-ts/numerics';

export interface DropoutContext {
  /** Apply dropout (true while training). */
  training: boolean;
  /** Source of the per-call mask seed; required when `training` is true and the rate is > 0. */
  rng?: RandomSource;
}

/** The scaled keep mask: fround(u_i) ≥ fround(p) ? fround(1/(1 − p)) : 0, u_i = alea(String(seed)). */
export function dropoutMask(size: number, rate: number, seed: number): Float32Array {
  const random = seedrandom.alea(String(seed));
  const threshold = Math.fround(rate);
  const keep = Math.fround(1 / (1 - rate));
  const mask = new Float32Array(size);
  for (let i = 0; i < size; i++) mask[i] = Math.fround(random()) >= threshold ? keep : 0;
  return mask;
}

export function dropout(x: tf.Tensor, rate: number, ctx: DropoutContext): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout: rate must be in [0, 1), got ${rate}`);
  if (!ctx.training || rate === 0) return tf.clone(x);
  if (!ctx.rng) throw new Error('dropout: training mode needs an rng (ctx.rng)');
  const seed = ctx.rng.int(2 ** 31 - 1);
  const mask = dropoutMask(x.size, rate, seed);
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
}
