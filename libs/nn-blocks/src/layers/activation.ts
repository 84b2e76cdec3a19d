/**
 * SiLU (swish): silu(x) = x · σ(x) (docs/method.md §2.1). Written as a product with `sigmoid`, which is
 * cheap on every backend (docs/runtime.md §2: avoid slow transcendental kernels on wasm).
 */
import * as tf from '@tensorflow/tfjs';

export function silu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}
