/**
 * The ViT block of LoLa (docs/method.md §8.2–8.3), on tokens x [B, L, D]:
 *   (a, b, c, d) = Linear(M → 4D) ∘ SiLU ∘ Linear(M → M) (mod)   — or a learned [4, D] without mod
 *   h  = (1 + a) ⊙ LayerNorm(x) + b                                (no affine, eps 1e-5)
 *   h  = h + MSA(h)                                                 (residual inside the branch)
 *   h  = Linear(4D → D) ∘ Dropout ∘ SiLU ∘ Linear(D → 4D) (h)
 *   x' = (x + c ⊙ h) / √(1 + c²)
 *   x''= (x' + d ⊙ skip) / √(1 + d²)                               (gated skip to the input tokens)
 * MSA: qkv = Linear(D → 3D, no bias) split (q, k, v) then heads; QK RMSNorm over the head dim
 * (eps 1e-5, no affine); learned mixed-axis RoPE; softmax(q·kᵀ/√d_head)·v over all tokens;
 * Linear(D → D) with bias.
 * Parameter names follow LoLa's PyTorch modules (`ada_zero.0`, `ada_zero.2`, `msa.qkv_proj`,
 * `msa.y_proj`, `theta`, `ffn.0`, `ffn.3`), so weights port by name (linear weights transposed).
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { normalVariable, scaleVariable } from '../params/init.js';
import { silu } from '../layers/activation.js';
import { scaledDotProductAttention } from '../layers/attention.js';
import { dropout, type DropoutContext } from '../layers/dropout.js';
import { initLinear, linear, type LinearParams } from '../layers/linear.js';
import { layerNorm, rmsNorm } from '../layers/norm.js';
import { applyRope, initRopeTheta, ropeAngles, ropeTables } from './rope.js';

export interface ViTBlockOptions {
  /** Token channels D. */
  channels: number;
  /** Attention heads H (D/H must be even when RoPE is on). */
  heads: number;
  /** Spatial rank N of the token grid (time counts as an axis), for RoPE. */
  spatial: number;
  /** Modulation features M (256 in LoLa); 0 → a learned [4, D] modulation. */
  modFeatures?: number;
  /** FFN expansion factor (4). */
  ffnFactor?: number;
  /** FFN dropout rate (LoLa: 0.05); 0 or undefined = identity. */
  dropout?: number;
  /** Learned RoPE (default true). */
  rope?: boolean;
}

export interface ViTMsaParams {
  heads: number;
  /** [D, 3D], no bias */
  qkv_proj: LinearParams;
  /** [D, D] + [D] */
  y_proj: LinearParams;
}

export interface ViTBlockParams {
  /** Modulation MLP (`'0'`: M → M, `'2'`: M → 4D) or a learned [4, D] tensor. */
  ada_zero: { '0': LinearParams; '2': LinearParams } | tf.Variable;
  msa: ViTMsaParams;
  /** RoPE angles per axis, [N, D/2]. */
  theta?: tf.Variable;
  ffn: { '0': LinearParams; '3': LinearParams };
  dropout: number;
}

/**
 * Initialises a block (PyTorch-default linear init, draws in module order: modulation, qkv,
 * out, θ, FFN). The modulation's last Linear weight is scaled by 1e-2 (its bias keeps the default
 * init); without modulation the [4, D] parameter is 0.01·N(0, 1).
 */
export function initViTBlock(rng: RandomSource, opts: ViTBlockOptions): ViTBlockParams {
  const { channels: d, heads, spatial, modFeatures = 0, ffnFactor = 4, rope = true } = opts;
  if (!Number.isInteger(heads) || heads < 1 || d % heads !== 0)
    throw new RangeError(`ViT block: channels (${d}) must be divisible by heads (${heads})`);
  if (rope && (d / heads) % 2 !== 0) throw new RangeError(`ViT block: RoPE needs an even head size, got ${d / heads}`);
  let ada: ViTBlockParams['ada_zero'];
  if (modFeatures > 0) {
    const first = initLinear(rng, modFeatures, modFeatures);
    const last = initLinear(rng, modFeatures, 4 * d);
    scaleVariable(last.weight, 1e-2);
    ada = { '0': first, '2': last };
  } else {
    ada = normalVariable(rng, [4, d], 1e-2);
  }
  const msa: ViTMsaParams = {
    heads,
    qkv_proj: initLinear(rng, d, 3 * d, { bias: false }),
    y_proj: initLinear(rng, d, d),
  };
  const theta = rope ? initRopeTheta(rng, spatial, d) : undefined;
  const ffn = { '0': initLinear(rng, d, ffnFactor * d), '3': initLinear(rng, ffnFactor * d, d) };
  // Key order = module order, so dotted names list as in LoLa's state dict.
  return theta ? { ada_zero: ada, msa, theta, ffn, dropout: opts.dropout ?? 0 } : { ada_zero: ada, msa, ffn, dropout: opts.dropout ?? 0 };
}

/** (a, b, c, d), each [B or 1, 1, D], from the modulation vector `mod` [B, M] or [M]. */
export function blockModulation(p: ViTBlockParams, d: number, mod?: tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    let abcd: tf.Tensor;
    if (p.ada_zero instanceof tf.Variable) {
      abcd = tf.reshape(p.ada_zero, [1, 4 * d]);
    } else {
      if (!mod) throw new Error('ViT block: this block is modulated; pass a modulation vector');
      const m = mod.rank === 1 ? tf.expandDims(mod, 0) : mod;
      abcd = linear(p.ada_zero['2'], silu(linear(p.ada_zero['0'], m)));
    }
    return tf.split(abcd, 4, -1).map((t) => tf.expandDims(t, 1));
  });
}

/**
 * Multi-head self-attention with QK RMSNorm and optional RoPE tables (see rope.ts), on tokens
 * [B, L, D]. q, k, v come from the column blocks [0, D), [D, 2D), [2D, 3D) of the qkv weight
 * (LoLa's "(n H C)" split); heads are channel blocks of size D/H. RMSNorm and RoPE act in the
 * token layout; the heads are transposed out only for the batched attention products.
 */
export function vitAttention(p: ViTMsaParams, x: tf.Tensor, rope?: { cos: tf.Tensor2D; sin: tf.Tensor2D }): tf.Tensor {
  return tf.tidy(() => {
    const [b, l, d] = x.shape as [number, number, number];
    const h = p.heads;
    const hd = d / h;
    const qkv = tf.matMul(tf.reshape(x, [b * l, d]), p.qkv_proj.weight); // one product, then column blocks
    const [qf, kf, vf] = tf.split(qkv, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const headNorm = (t: tf.Tensor) => tf.reshape(rmsNorm(tf.reshape(t, [b, l, h, hd]), 1e-5), [b, l, d]);
    let q = headNorm(qf);
    let k = headNorm(kf);
    const v = tf.reshape(vf, [b, l, d]);
    if (rope) {
      q = applyRope(q, rope);
      k = applyRope(k, rope);
    }
    const heads = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [b, l, h, hd]), [0, 2, 1, 3]);
    const y = scaledDotProductAttention(heads(q), heads(k), heads(v));
    return linear(p.y_proj, tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [b, l, d]));
  });
}

export interface ViTBlockInputs {
  /** Modulation vector [B, M] or [M] (modulated blocks only). */
  mod?: tf.Tensor;
  /** Token coordinates [L, N] (for RoPE). */
  coords?: tf.Tensor2D;
  /** Skip tokens [B, L, D] (the input projection's output). */
  skip?: tf.Tensor;
}

/** One block on tokens x [B, L, D]; returns [B, L, D]. */
export function vitBlock(p: ViTBlockParams, x: tf.Tensor, inputs: ViTBlockInputs, drop: DropoutContext = { training: false }): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[2]!;
    const [a, b, c, dd] = blockModulation(p, d, inputs.mod) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    let tables: { cos: tf.Tensor2D; sin: tf.Tensor2D } | undefined;
    if (p.theta) {
      if (!inputs.coords) throw new Error('ViT block: RoPE needs token coordinates');
      tables = ropeTables(ropeAngles(p.theta, inputs.coords));
    }
    let h = tf.add(tf.mul(tf.add(a, 1), layerNorm(x, 1e-5)), b);
    h = tf.add(h, vitAttention(p.msa, h, tables));
    h = linear(p.ffn['3'], dropout(silu(linear(p.ffn['0'], h)), p.dropout, drop));
    let y = tf.mul(tf.add(x, tf.mul(c, h)), tf.rsqrt(tf.add(tf.square(c), 1)));
    if (inputs.skip) y = tf.mul(tf.add(y, tf.mul(dd, inputs.skip)), tf.rsqrt(tf.add(tf.square(dd), 1)));
    return y;
  });
}
