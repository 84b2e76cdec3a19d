/**
 * Inverted dropout (method.md §2.1, §8.2: rate 0.05): in training, y = x ⊙ m / (1 − p) with
 * m ~ Bernoulli(1 − p) drawn from a seed taken from `rng`; at evaluation (or p = 0), y = x.
 * Determinism: the mask depends only on the draw from `rng`, so a model forward that consumes its
 * `rng` in a fixed order is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '../params/init.js';

export interface DropoutContext {
  /** Apply dropout (true while training). */
  training: boolean;
  /** Source of the per-call mask seed; required when `training` is true and the rate is > 0. */
  rng?: RandomSource;
}

export function dropout(x: tf.Tensor, rate: number, ctx: DropoutContext): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout: rate must be in [0, 1), got ${rate}`);
  if (!ctx.training || rate === 0) return tf.clone(x);
  if (!ctx.rng) throw new Error('dropout: training mode needs an rng (ctx.rng)');
  const seed = ctx.rng.int(2 ** 31 - 1);
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), rate), 'float32');
    return tf.mul(x, tf.mul(keep, 1 / (1 - rate)));
  });
}
