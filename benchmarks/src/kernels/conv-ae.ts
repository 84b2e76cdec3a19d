/**
 * The benchmark's small conv autoencoder (docs/runtime.md §1): conv 3→32 (s1), 32→64 (s2),
 * 64→64 (s2), conv2dTranspose 64→64 (s2), 64→32 (s2), conv 32→3, all 3×3 SAME with ReLU between,
 * trained on the MSE reconstruction of a batch of 8 64×64×3 images.
 */
import * as tf from '@tensorflow/tfjs-core';

const LAYERS: { name: string; shape: [number, number, number, number]; transpose: boolean }[] = [
  { name: 'c1', shape: [3, 3, 3, 32], transpose: false },
  { name: 'c2', shape: [3, 3, 32, 64], transpose: false },
  { name: 'c3', shape: [3, 3, 64, 64], transpose: false },
  { name: 't1', shape: [3, 3, 64, 64], transpose: true },
  { name: 't2', shape: [3, 3, 32, 64], transpose: true },
  { name: 'c4', shape: [3, 3, 32, 3], transpose: false },
];

let instances = 0;

export function convAeParams(seed: number): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  const tag = instances++;
  LAYERS.forEach(({ name, shape, transpose }, i) => {
    const fanIn = shape[0] * shape[1] * (transpose ? shape[3] : shape[2]);
    out[name] = tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed + i), true, `ae-${name}-${tag}`));
    out[`${name}b`] = tf.tidy(() => tf.variable(tf.zeros([transpose ? shape[2] : shape[3]]), true, `ae-${name}b-${tag}`));
  });
  return out;
}

export function convAe(p: Record<string, tf.Variable>, x: tf.Tensor): tf.Tensor4D {
  const [B, H, W] = x.shape as [number, number, number, number];
  const conv = (h: tf.Tensor4D, n: string, s: number) =>
    tf.add(tf.conv2d(h, p[n] as unknown as tf.Tensor4D, s, 'same'), p[`${n}b`]!) as tf.Tensor4D;
  const up = (h: tf.Tensor4D, n: string, c: number) =>
    tf.add(
      tf.conv2dTranspose(h, p[n] as unknown as tf.Tensor4D, [B, h.shape[1] * 2, h.shape[2] * 2, c], 2, 'same'),
      p[`${n}b`]!,
    ) as tf.Tensor4D;
  let h = tf.relu(conv(x as tf.Tensor4D, 'c1', 1));
  h = tf.relu(conv(h, 'c2', 2));
  h = tf.relu(conv(h, 'c3', 2));
  h = tf.relu(up(h, 't1', 64));
  h = tf.relu(up(h, 't2', 32));
  const y = conv(h, 'c4', 1);
  if (y.shape[1] !== H || y.shape[2] !== W) throw new Error(`conv-AE output ${y.shape} != input ${x.shape}`);
  return y;
}

export function convAeLoss(p: Record<string, tf.Variable>, x: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(convAe(p, x), x));
}
