/**
 * Training windows (docs/method.md §4.1): window j of a trajectory of T states is the states
 * j, j+s, …, j+(L−1)s (L = 5, stride s = 4 for 2-D datasets), so a trajectory yields
 * T − (L−1)·s windows (Euler: 101 − 16 = 85). Reading windows from latent caches is
 * `@lola-ts/well-data`'s `LatentDataset`; these helpers work on in-memory trajectories.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Windows per trajectory: T − (L−1)·s (0 when the trajectory is too short). */
export function windowCount(steps: number, length = 5, stride = 4): number {
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`windows: stride must be an integer >= 1, got ${stride}`);
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`windows: length must be an integer >= 1, got ${length}`);
  return Math.max(0, steps - (length - 1) * stride);
}

/** Time indices of window j: j, j+s, …, j+(L−1)s. */
export function windowIndices(j: number, length = 5, stride = 4): number[] {
  return Array.from({ length }, (_, i) => j + i * stride);
}

/** Window j of a trajectory tensor [T, …] → [L, …] (a gather on the time axis). */
export function trajectoryWindow(trajectory: tf.Tensor, j: number, length = 5, stride = 4): tf.Tensor {
  const count = windowCount(trajectory.shape[0]!, length, stride);
  if (!Number.isInteger(j) || j < 0 || j >= count)
    throw new RangeError(
      `windows: window ${j} out of range [0, ${count}) for T = ${trajectory.shape[0]}, length ${length}, stride ${stride}`,
    );
  return tf.tidy(() => tf.gather(trajectory, tf.tensor1d(windowIndices(j, length, stride), 'int32'), 0));
}
