/**
 * Learned mixed-axis rotary position embedding (method.md §8.3; Heo et al. 2024, "Rotary Position
 * Embedding for Vision Transformer"). Each block owns θ ∈ R^{N × D/2}. The angle of channel pair i
 * at a token with integer coordinates coo ∈ R^N is φ_i = Σ_a coo_a·θ[a, i]; the D/2 angles are split
 * evenly across heads (head h gets pairs h·D/(2H) .. (h+1)·D/(2H) − 1), and inside a head the pair
 * (2j, 2j+1) of q and k is rotated by its angle as a complex number:
 * (x_{2j}, x_{2j+1}) ↦ (x_{2j} cos φ − x_{2j+1} sin φ, x_{2j} sin φ + x_{2j+1} cos φ).
 * Rotations preserve norms, and q_rot(c)·k_rot(c') depends on coordinates only through c − c'.
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '../params/init.js';

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
 * Per-head cos/sin tables from angles [L, D/2]: each [1, H, L, D/(2H), 1], ready to broadcast
 * against q, k reshaped to [B, H, L, D/(2H), 2].
 */
export function ropeTables(angles: tf.Tensor2D, heads: number): { cos: tf.Tensor; sin: tf.Tensor } {
  return tf.tidy(() => {
    const [l, half] = angles.shape;
    if (half % heads !== 0) throw new RangeError(`rope: ${half} angle pairs cannot be split across ${heads} heads`);
    const perHead = tf.transpose(tf.reshape(angles, [l, heads, half / heads]), [1, 0, 2]);
    const shaped = tf.reshape(perHead, [1, heads, l, half / heads, 1]);
    return { cos: tf.cos(shaped), sin: tf.sin(shaped) };
  });
}

/**
 * Rotates channel pairs (2j, 2j+1) of x [B, H, L, d] (d even) by the tables of `ropeTables`.
 * Written with reshape + reverse + broadcasting (no strided slices, which have no gradient).
 */
export function applyRope(x: tf.Tensor, tables: { cos: tf.Tensor; sin: tf.Tensor }): tf.Tensor {
  return tf.tidy(() => {
    const [b, h, l, d] = x.shape as [number, number, number, number];
    const pairs = tf.reshape(x, [b, h, l, d / 2, 2]);
    // (x_even, x_odd) → (−x_odd, x_even)
    const swapped = tf.mul(tf.reverse(pairs, -1), tf.tensor1d([-1, 1]));
    const rotated = tf.add(tf.mul(pairs, tables.cos), tf.mul(swapped, tables.sin));
    return tf.reshape(rotated, [b, h, l, d]);
  });
}
