/**
 * Sinusoidal encoding (docs/method.md §6.4, §8.1; LoLa's `SineEncoding(features, ω = 1e3)`):
 * frequencies f_k = ω^(−k/(F/2 − 1)), k = 0..F/2−1 (i.e. ω^−linspace(0, 1, F/2)), and
 * e(x) = [sin(x·f_0..), cos(x·f_0..)]: the sin block, then the cos block (not interleaved).
 */
import * as tf from '@tensorflow/tfjs';

/** The F/2 frequencies ω^(−k/(F/2−1)) in float64 (a single frequency 1 when F = 2). */
export function sineFrequencies(features: number, omega = 1e3): number[] {
  if (!Number.isInteger(features) || features < 2 || features % 2 !== 0) {
    throw new RangeError(`sineEncoding: features must be an even integer >= 2, got ${features}`);
  }
  const half = features / 2;
  return Array.from({ length: half }, (_, k) => (half === 1 ? 1 : omega ** (-k / (half - 1))));
}

/** Encodes every element of `x` (any shape S) into F features: returns shape [...S, F]. */
export function sineEncoding(x: tf.Tensor, features: number, omega = 1e3): tf.Tensor {
  const freqs = sineFrequencies(features, omega);
  return tf.tidy(() => {
    const arg = tf.mul(tf.expandDims(x, -1), tf.tensor1d(freqs));
    return tf.concat([tf.sin(arg), tf.cos(arg)], -1);
  });
}
