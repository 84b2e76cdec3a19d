import * as tf from '@tensorflow/tfjs-core';
import type { Saturation } from './config.js';

/** Saturation bound used by the clipping variants (docs/method.md §2.4). */
const BOUND = 5;
/** eps of the per-position RMS-norm variant (inferred; not published). */
const RMS_EPS = 1e-5;

/**
 * Latent saturation (docs/method.md §2.4), applied to the encoder output `z` (channels last):
 * - `softclip2`: z / √(1 + (z/5)²), smooth, |z| < 5 (the paper's choice);
 * - `softclip`:  z / (1 + |z|/5);
 * - `tanh`:      5·tanh(z/5), written 5·(2σ(2z/5) − 1) because Tanh is slow on wasm (docs/runtime.md §2);
 * - `arcsinh`:   asinh(z);
 * - `rmsnorm`:   z / √(mean_c z² + 1e-5) at each position (channel axis = last);
 * - `none`:      identity.
 * Squares are written as products (Pow is slow on wasm).
 */
export function saturate(z: tf.Tensor, kind: Saturation): tf.Tensor {
  return tf.tidy(() => {
    switch (kind) {
      case 'softclip2': {
        const s = tf.mul(z, 1 / BOUND);
        return tf.mul(z, tf.rsqrt(tf.add(tf.mul(s, s), 1)));
      }
      case 'softclip':
        return tf.div(z, tf.add(tf.mul(tf.abs(z), 1 / BOUND), 1));
      case 'tanh':
        return tf.mul(tf.sub(tf.mul(tf.sigmoid(tf.mul(z, 2 / BOUND)), 2), 1), BOUND);
      case 'arcsinh':
        return tf.asinh(z);
      case 'rmsnorm': {
        const ms = tf.mean(tf.mul(z, z), -1, true);
        return tf.mul(z, tf.rsqrt(tf.add(ms, RMS_EPS)));
      }
      case 'none':
        return tf.clone(z);
      default:
        throw new Error(`saturate: unknown saturation '${String(kind)}'`);
    }
  });
}
