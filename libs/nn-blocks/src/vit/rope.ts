/**
 * Learned mixed-axis rotary position embedding (docs/method.md §8.3; Heo et al. 2024, "Rotary Position
 * Embedding for Vision Transformer"). Each block owns θ ∈ R^{N × D/2}. The angle of channel pair i
 * at a token with integer coordinates coo ∈ R^N is φ_i = Σ_a coo_a·θ[a, i]; the D/2 angles are split
 * evenly across heads (head h gets pairs h·D/(2H) .. (h+1)·D/(2H) − 1), and inside a head the pair
 * (2j, 2j+1) of q and k is rotated by its angle as a complex number:
 * (x_{2j}, x_{2j+1}) ↦ (x_{2j} cos φ − x_{2j+1} sin φ, x_{2j} sin φ + x_{2j+1} cos φ).
 * Rotations preserve norms, and q_rot(c)·k_rot(c') depends on coordinates only through c − c'.
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';

/**
 * θ init (LoLa's `ViTBlock`): amplitude 100^(−u), u ~ U(0, 1), one per channel pair (drawn first),
 * times a random unit direction across the N axes (N(0, 1) draws, row-major [N, D/2], normalised
 * over the axis dimension).
 */
export function initRopeTheta(rng: RandomSource, spatial: number, channels: number): tf.Variable {
  if (channels % 2 !== 0) throw new RangeError(`initRopeTheta: channels must be even, got ${channels}`);
  const half = channels / 2;
  const amplitude = Array.from({ length: half }, () => 100 ** -rng.uniform());
  const dir = Array.from({ length: spatial * half }, () => rng.normal());
  const out = new Float32Array(spatial * half);
  for (let i = 0; i < half; i++) {
    let norm = 0;
    for (let a = 0; a < spatial; a++) norm += dir[a * half + i]! ** 2;
    norm = Math.max(Math.sqrt(norm), 1e-12);
    for (let a = 0; a < spatial; a++) out[a * half + i] = (amplitude[i]! * dir[a * half + i]!) / norm;
  }
  const t = tf.tensor2d(out, [spatial, half]);
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

/** Angles φ = coo·θ: coordinates [L, N] × θ [N, D/2] → [L, D/2] (a 2-D product). */
export function ropeAngles(theta: tf.Tensor, coords: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(coords, theta) as tf.Tensor2D);
}

/**
 * cos/sin tables [L, D] from angles [L, D/2], each angle repeated for its channel pair. In the
 * token layout [B, L, D] channel c belongs to pair ⌊c/2⌋ and head ⌊c/d_head⌋, which is exactly the
 * split of the D/2 angles across heads (head h owns pairs h·d_head/2 … (h+1)·d_head/2 − 1).
 */
export function ropeTables(angles: tf.Tensor2D): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  return tf.tidy(() => {
    const [l, half] = angles.shape;
    const repeated = tf.reshape(tf.tile(tf.expandDims(angles, -1), [1, 1, 2]), [l, 2 * half]);
    return { cos: tf.cos(repeated) as tf.Tensor2D, sin: tf.sin(repeated) as tf.Tensor2D };
  });
}

/** The [D, D] block-diagonal matrix with x·P = (−x_1, x_0, −x_3, x_2, …). */
export function pairSwapMatrix(d: number): tf.Tensor2D {
  const m = new Float32Array(d * d);
  for (let i = 0; i < d; i += 2) {
    m[i * d + i + 1] = 1; // x_even → column odd
    m[(i + 1) * d + i] = -1; // −x_odd → column even
  }
  return tf.tensor2d(m, [d, d]);
}

/**
 * Rotates channel pairs (2j, 2j+1) of tokens x [B, L, D] by the tables of `ropeTables`:
 * x ⊙ cos + (x·P) ⊙ sin with the pair swap P (a matrix product: exact, and its gradient is fast on
 * every backend; no strided slices or reverses). The [L, D] tables broadcast over the batch; their
 * gradient is a sum over the batch axis.
 */
export function applyRope(x: tf.Tensor, tables: { cos: tf.Tensor2D; sin: tf.Tensor2D }): tf.Tensor {
  return tf.tidy(() => {
    const [b, l, d] = x.shape as [number, number, number];
    const flat = tf.reshape(x, [b * l, d]);
    const swapped = tf.reshape(tf.matMul(flat, pairSwapMatrix(d)), [b, l, d]);
    return tf.add(tf.mul(x, tables.cos), tf.mul(swapped, tables.sin));
  });
}
