/**
 * Multi-head self-attention over all positions of a channels-last grid (docs/method.md §2.1: standard
 * MHA with bias on the qkv and output projections, over all h·w tokens of a level).
 *
 * qkv = Linear(C → 3C): output channels ordered (3, heads, C/heads) — q for all heads, then k,
 * then v, head-major inside each (PyTorch `nn.MultiheadAttention` in_proj order).
 * Attention: softmax(q·kᵀ / √d_head)·v per head, no dropout; output Linear(C → C).
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { initLinear, linear, type LinearParams } from './linear.js';
import { scaledSoftmax } from './softmax.js';

export interface AttentionParams {
  /** Number of heads (static). */
  heads: number;
  /** [C, 3C] + [3C] */
  qkv: LinearParams;
  /** [C, C] + [C] */
  out: LinearParams;
}

export interface AttentionOptions {
  /** Bias on the qkv projection (default true). */
  qkvBias?: boolean;
  /** Bias on the output projection (default true). */
  outBias?: boolean;
}

/** Creates MHA parameters (PyTorch-default linear init, qkv then out). */
export function initAttention(rng: RandomSource, channels: number, heads: number, opts: AttentionOptions = {}): AttentionParams {
  if (!Number.isInteger(heads) || heads < 1 || channels % heads !== 0) {
    throw new RangeError(`initAttention: channels (${channels}) must be divisible by heads (${heads})`);
  }
  return {
    heads,
    qkv: initLinear(rng, channels, 3 * channels, { bias: opts.qkvBias ?? true }),
    out: initLinear(rng, channels, channels, { bias: opts.outBias ?? true }),
  };
}

/**
 * softmax(q·kᵀ·scale)·v for q, k, v of shape [B, heads, N, d] (scale defaults to 1/√d).
 * Uses rank-3 batched products over B·heads (equal batch ranks, so the gradients are right).
 */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, scale?: number): tf.Tensor {
  return tf.tidy(() => {
    const [b, h, n, d] = q.shape as [number, number, number, number];
    const m = k.shape[2]!;
    const q3 = tf.reshape(q, [b * h, n, d]);
    const k3 = tf.reshape(k, [b * h, m, d]);
    const v3 = tf.reshape(v, [b * h, m, v.shape[3]!]);
    const att = scaledSoftmax(tf.matMul(q3, k3, false, true), scale ?? 1 / Math.sqrt(d));
    const out = tf.matMul(att, v3);
    return tf.reshape(out, [b, h, n, v.shape[3]!]);
  });
}

/** MHA over every spatial position of x [B, …spatial, C]; returns the same shape (no residual). */
export function attention(p: AttentionParams, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const shape = x.shape;
    const b = shape[0]!;
    const c = shape[shape.length - 1]!;
    const n = shape.slice(1, -1).reduce((a, s) => a * s, 1);
    const h = p.heads;
    const d = c / h;
    const qkv = tf.reshape(linear(p.qkv, tf.reshape(x, [b, n, c])), [b, n, 3, h, d]);
    const heads = tf.transpose(qkv, [2, 0, 3, 1, 4]); // [3, B, heads, N, d]
    const [q, k, v] = tf.unstack(heads, 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const o = scaledDotProductAttention(q, k, v);
    const merged = tf.reshape(tf.transpose(o, [0, 2, 1, 3]), [b, n, c]);
    return tf.reshape(linear(p.out, merged), shape);
  });
}
