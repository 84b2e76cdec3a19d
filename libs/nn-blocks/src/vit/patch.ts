/**
 * Channels-last patchify / unpatchify over N grid axes (LoLa's `Patchify(channel_last=True)`):
 * [B, L_1·p_1, …, L_N·p_N, C] ↔ [B, L_1, …, L_N, C·p_1·…·p_N], the patch features ordered
 * (C, p_1, …, p_N) with C slowest. Axes with p = 1 are not split, so the transposes stay low-rank.
 */
import * as tf from '@tensorflow/tfjs';

function check(shape: readonly number[], patch: readonly number[], name: string): void {
  if (shape.length !== patch.length + 2)
    throw new Error(`${name}: expected a rank-${patch.length + 2} tensor [B, …${patch.length} axes, C], got [${shape.join(', ')}]`);
  patch.forEach((p, i) => {
    if (!Number.isInteger(p) || p < 1) throw new RangeError(`${name}: patch sizes must be positive integers, got [${patch.join(', ')}]`);
    if (name === 'patchify' && shape[i + 1]! % p !== 0)
      throw new Error(`patchify: axis ${i + 1} has size ${shape[i + 1]}, not divisible by patch ${p}`);
  });
}

/** [B, …L_i·p_i…, C] → [B, …L_i…, C·∏p]. */
export function patchify(x: tf.Tensor, patch: readonly number[]): tf.Tensor {
  check(x.shape, patch, 'patchify');
  if (patch.every((p) => p === 1)) return tf.clone(x);
  return tf.tidy(() => {
    const b = x.shape[0]!;
    const c = x.shape[x.rank - 1]!;
    const grid = patch.map((p, i) => x.shape[i + 1]! / p);
    const split: number[] = [b];
    const gridAxes: number[] = [];
    const patchAxes: number[] = [];
    patch.forEach((p, i) => {
      gridAxes.push(split.length);
      split.push(grid[i]!);
      if (p > 1) {
        patchAxes.push(split.length);
        split.push(p);
      }
    });
    const cAxis = split.length;
    split.push(c);
    const perm = [0, ...gridAxes, cAxis, ...patchAxes];
    const moved = tf.transpose(tf.reshape(x, split), perm);
    return tf.reshape(moved, [b, ...grid, c * patch.reduce((a, p) => a * p, 1)]);
  });
}

/** [B, …L_i…, C·∏p] → [B, …L_i·p_i…, C] (inverse of `patchify`). */
export function unpatchify(x: tf.Tensor, patch: readonly number[]): tf.Tensor {
  check(x.shape, patch, 'unpatchify');
  if (patch.every((p) => p === 1)) return tf.clone(x);
  return tf.tidy(() => {
    const b = x.shape[0]!;
    const prod = patch.reduce((a, p) => a * p, 1);
    const f = x.shape[x.rank - 1]!;
    if (f % prod !== 0) throw new Error(`unpatchify: ${f} features are not a multiple of the patch volume ${prod}`);
    const c = f / prod;
    const grid = x.shape.slice(1, -1);
    const big = patch.filter((p) => p > 1);
    // Current layout [B, …grid, C, …big patches]; target [B, g_1, (p_1), …, C].
    const shape = [b, ...grid, c, ...big];
    const perm: number[] = [0];
    let k = 0;
    patch.forEach((p, i) => {
      perm.push(1 + i);
      if (p > 1) perm.push(1 + grid.length + 1 + k++);
    });
    perm.push(1 + grid.length);
    const moved = tf.transpose(tf.reshape(x, shape), perm);
    return tf.reshape(moved, [b, ...grid.map((g, i) => g * patch[i]!), c]);
  });
}
