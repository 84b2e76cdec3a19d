/**
 * Linear observation operators of guided emulation (docs/method.md §11), on channels-last frames
 * [B, …lead, H, W, C] (any leading axes; the two axes before C are pooled):
 * - `subsample`: every f-th pixel per axis, x[..., ::f, ::f, :];
 * - `downscale`: mean over f×f blocks.
 * Both are written with reshape + slice / mean (differentiable; no strided slices) and return the
 * observations flattened per batch row, [B, D_y].
 */
import * as tf from '@tensorflow/tfjs-core';

function blocks(x: tf.Tensor, f: number, name: string): { lead: number[]; h: number; w: number; c: number } {
  if (x.rank < 4) throw new Error(`${name}: expected [B, …, H, W, C], got [${x.shape.join(', ')}]`);
  const [h, w, c] = x.shape.slice(-3) as [number, number, number];
  if (!Number.isInteger(f) || f < 1 || h % f !== 0 || w % f !== 0)
    throw new Error(`${name}: H = ${h} and W = ${w} must be divisible by the factor ${f}`);
  return { lead: x.shape.slice(0, -3), h, w, c };
}

/** x[..., ::f, ::f, :] flattened to [B, D_y]. */
export function subsample(x: tf.Tensor, f: number): tf.Tensor2D {
  const { lead, h, w, c } = blocks(x, f, 'subsample');
  return tf.tidy(() => {
    const r = tf.reshape(x, [lead.reduce((a, d) => a * d, 1), h / f, f, w / f, f, c]);
    const picked = tf.slice(r, [0, 0, 0, 0, 0, 0], [-1, -1, 1, -1, 1, -1]);
    return tf.reshape(picked, [x.shape[0], -1]) as tf.Tensor2D;
  });
}

/** Mean over f×f blocks, flattened to [B, D_y]. */
export function downscale(x: tf.Tensor, f: number): tf.Tensor2D {
  const { lead, h, w, c } = blocks(x, f, 'downscale');
  return tf.tidy(() => {
    const r = tf.reshape(x, [lead.reduce((a, d) => a * d, 1), h / f, f, w / f, f, c]);
    return tf.reshape(tf.mean(r, [2, 4]), [x.shape[0], -1]) as tf.Tensor2D;
  });
}
