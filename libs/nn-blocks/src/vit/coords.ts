/**
 * Integer token coordinates of a token grid (docs/method.md §8.1): for a grid of shape [L_1, …, L_N]
 * the coordinates (i_1, …, i_N) of every token in row-major order (the last axis varies fastest),
 * as LoLa's `cartesian_prod` of the per-axis ranges.
 */
import * as tf from '@tensorflow/tfjs';

/** Row-major coordinates, shape [∏L, N], float32 (integers). */
export function tokenCoordinates(grid: readonly number[]): tf.Tensor2D {
  const n = grid.length;
  if (n === 0 || grid.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new RangeError(`tokenCoordinates: grid must be a non-empty list of positive integers, got [${grid.join(', ')}]`);
  }
  const total = grid.reduce((a, d) => a * d, 1);
  const out = new Float32Array(total * n);
  for (let t = 0; t < total; t++) {
    let rest = t;
    for (let a = n - 1; a >= 0; a--) {
      out[t * n + a] = rest % grid[a]!;
      rest = Math.floor(rest / grid[a]!);
    }
  }
  return tf.tensor2d(out, [total, n]);
}
