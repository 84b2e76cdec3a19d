/**
 * Pixel unshuffle / shuffle for channels-last tensors, written with reshape + transpose
 * (`tf.depthToSpace` has no gradient, docs/runtime.md §2), in PyTorch's channel order: unshuffling
 * [B, H, W, C] by r gives channel index c·r² + dy·r + dx (order (C, dy, dx), docs/method.md §2.1);
 * in 3-D, c·r³ + dz·r² + dy·r + dx for [B, D, H, W, C] (axes in storage order).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * 2-D tensors of at least this many values are (un)shuffled by two rank-4 transposes instead of
 * one rank-5 transpose (a strided copy of runs of C values on wasm, slower for large tensors;
 * README "Why these kernels exist (measured)"); smaller tensors are faster in one step.
 */
const TWO_STEP_MIN = 1 << 16;

/** The batch, spatial sizes and channels of a rank-4 or rank-5 channels-last tensor; throws naming `op` otherwise. */
function channelsLast(x: tf.Tensor, op: string): { b: number; spatial: number[]; c: number } {
  const [b, ...spatial] = x.shape;
  const c = spatial.pop()!;
  if (spatial.length !== 2 && spatial.length !== 3) {
    throw new Error(`${op}: expects a rank-4 or rank-5 channels-last tensor, got [${x.shape.join(', ')}]`);
  }
  return { b: b!, spatial, c };
}

/** [B, …S, C] → [B, …S/r, C·r^n], channel order (C, d1, …, dn). */
export function pixelUnshuffle(x: tf.Tensor, r = 2): tf.Tensor {
  return tf.tidy(() => {
    const { b, spatial: rest, c } = channelsLast(x, 'pixelUnshuffle');
    const n = rest.length;
    rest.forEach((s, i) => {
      if (s % r !== 0) throw new Error(`pixelUnshuffle: spatial axis ${i + 1} has size ${s}, not divisible by ${r}`);
    });
    const small = rest.map((s) => s / r);
    if (n === 2 && x.size >= TWO_STEP_MIN) {
      // [B·H', r, W', r·C] → [B·H', W', r, r·C], then [B·H'·W', r, r, C] → [B·H'·W', C, r, r]
      const t1 = tf.transpose(tf.reshape(x, [b * small[0]!, r, small[1]!, r * c]), [0, 2, 1, 3]);
      const t2 = tf.transpose(tf.reshape(t1, [b * small[0]! * small[1]!, r, r, c]), [0, 3, 1, 2]);
      return tf.reshape(t2, [b, ...small, c * r * r]);
    }
    // [B·S1', r, S2', r, (S3', r,) C]: the batch merges with the first coarse axis (adjacent, kept in order).
    const split = [b * small[0]!, r, ...small.slice(1).flatMap((s) => [s, r]), c];
    const perm = n === 2 ? [0, 2, 4, 1, 3] : [0, 2, 4, 6, 1, 3, 5];
    const t = tf.transpose(tf.reshape(x, split), perm);
    return tf.reshape(t, [b, ...small, c * r ** n]);
  });
}

/** [B, …S, C·r^n] → [B, …S·r, C]; the inverse of `pixelUnshuffle`. */
export function pixelShuffle(x: tf.Tensor, r = 2): tf.Tensor {
  return tf.tidy(() => {
    const { b, spatial: rest, c: cr } = channelsLast(x, 'pixelShuffle');
    const n = rest.length;
    if (cr % r ** n !== 0) throw new Error(`pixelShuffle: ${cr} channels are not divisible by ${r}^${n}`);
    const c = cr / r ** n;
    if (n === 2 && x.size >= TWO_STEP_MIN) {
      // [B·H·W, C, r, r] → [B·H·W, r, r, C], then [B·H, W, r, r·C] → [B·H, r, W, r·C]
      const t1 = tf.transpose(tf.reshape(x, [b * rest[0]! * rest[1]!, c, r, r]), [0, 2, 3, 1]);
      const t2 = tf.transpose(tf.reshape(t1, [b * rest[0]!, rest[1]!, r, r * c]), [0, 2, 1, 3]);
      return tf.reshape(t2, [b, rest[0]! * r, rest[1]! * r, c]);
    }
    // [B·S1, S2, (S3,) C, r, r(, r)] → [B·S1, r, S2, r, (S3, r,) C]
    const split = [b * rest[0]!, ...rest.slice(1), c, ...Array(n).fill(r)];
    const perm = n === 2 ? [0, 3, 1, 4, 2] : [0, 4, 1, 5, 2, 6, 3];
    const t = tf.transpose(tf.reshape(x, split), perm);
    return tf.reshape(t, [b, ...rest.map((s) => s * r), c]);
  });
}
