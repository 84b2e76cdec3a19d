/**
 * Normalisations without affine parameters, over the last (channel / feature) axis.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * LoLa's channel LayerNorm (method.md §2.1): at each position, (x − mean_c x) / √(var_c x + eps)
 * with the UNBIASED (N − 1) variance over the C channels (`torch.var_mean` default), eps = 1e-5,
 * no affine parameters. Needs C ≥ 2.
 */
export function channelLayerNorm(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  const c = x.shape[x.rank - 1]!;
  if (c < 2) throw new Error(`channelLayerNorm: needs at least 2 channels for the unbiased variance, got ${c}`);
  return tf.tidy(() => {
    const mean = tf.mean(x, -1, true);
    const centred = tf.sub(x, mean);
    const variance = tf.div(tf.sum(tf.square(centred), -1, true), c - 1);
    return tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
  });
}

/**
 * Standard LayerNorm without affine parameters (PyTorch `nn.LayerNorm(elementwise_affine=False)`,
 * used by the ViT, method.md §8.2): (x − mean) / √(var + eps) with the BIASED (1/N) variance.
 */
export function layerNorm(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const mean = tf.mean(x, -1, true);
    const centred = tf.sub(x, mean);
    const variance = tf.mean(tf.square(centred), -1, true);
    return tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
  });
}

/** RMSNorm without affine parameters (QK-norm, method.md §8.3): x / √(mean(x²) + eps), eps = 1e-5. */
export function rmsNorm(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))));
}
