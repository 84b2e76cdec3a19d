/**
 * Weight layouts, and how they map to PyTorch's (for porting weights or exporting a state dict).
 *
 * | parameter | lola-ts (tfjs, NHWC) | PyTorch | tfjs → torch |
 * |---|---|---|---|
 * | linear weight | [in, out] | [out, in] | transpose |
 * | conv 2-D filter | [kh, kw, in, out] | [out, in, kh, kw] | permute (3, 2, 0, 1) |
 * | conv 3-D filter | [kd, kh, kw, in, out] | [out, in, kd, kh, kw] | permute (4, 3, 0, 1, 2) |
 * | biases, norms | [out] | [out] | none |
 *
 * Activations are channels-last (NHWC / NDHWC) here, channels-first in PyTorch; the spatial axes
 * keep their order (H, W[, D]), so a conv kernel position (kh, kw) is the same in both.
 */
import * as tf from '@tensorflow/tfjs';

export type WeightKind = 'linear' | 'conv2d' | 'conv3d' | 'vector';

const toTorch: Record<WeightKind, number[] | null> = {
  linear: [1, 0],
  conv2d: [3, 2, 0, 1],
  conv3d: [4, 3, 0, 1, 2],
  vector: null,
};
const fromTorch: Record<WeightKind, number[] | null> = {
  linear: [1, 0],
  conv2d: [2, 3, 1, 0],
  conv3d: [2, 3, 4, 1, 0],
  vector: null,
};

/** Guesses the kind of a weight from its rank (2 → linear, 4 → conv2d, 5 → conv3d, else vector). */
export function weightKindOf(shape: readonly number[]): WeightKind {
  return shape.length === 2 ? 'linear' : shape.length === 4 ? 'conv2d' : shape.length === 5 ? 'conv3d' : 'vector';
}

/** Converts a tfjs-layout weight to PyTorch's layout (new tensor; caller disposes). */
export function toTorchLayout(w: tf.Tensor, kind: WeightKind = weightKindOf(w.shape)): tf.Tensor {
  const perm = toTorch[kind];
  return perm ? tf.transpose(w, perm) : tf.clone(w);
}

/** Converts a PyTorch-layout weight to the tfjs layout (new tensor; caller disposes). */
export function fromTorchLayout(w: tf.Tensor, kind: WeightKind = weightKindOf(w.shape)): tf.Tensor {
  const perm = fromTorch[kind];
  return perm ? tf.transpose(w, perm) : tf.clone(w);
}
