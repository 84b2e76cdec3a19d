/**
 * LoLa's pre-norm residual block (docs/method.md §2.1):
 *   y = LN_c(x) → [y ← y + MHA(y)] → Conv(C→C) → SiLU → Dropout(p) → Conv(C→C);  out = x + y
 * LN_c is the channel LayerNorm (unbiased variance, no affine). The last conv's weights are scaled
 * by 1e-2 at init (near-identity block); with attention the two convs are 1×1 instead of 3×3.
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { scaleVariable } from '../params/init.js';
import { silu } from './activation.js';
import { attention, initAttention, type AttentionParams } from './attention.js';
import { conv, initConv, type ConvParams } from './conv.js';
import { dropout, type DropoutContext } from './dropout.js';
import { channelLayerNorm } from './norm.js';

export interface ResBlockParams {
  /** Present when the block has self-attention. */
  attn?: AttentionParams;
  conv1: ConvParams;
  conv2: ConvParams;
}

export interface ResBlockOptions {
  /** Heads of the optional self-attention (0 or absent: none). */
  attentionHeads?: number;
  /** Spatial rank (2 or 3; default 2). */
  dims?: 2 | 3;
  /** Kernel of the two convs without attention (default 3; always 1 with attention). */
  kernel?: number;
}

/** Creates a ResBlock for C channels (draw order: attention, conv1, conv2). */
export function initResBlock(rng: RandomSource, channels: number, opts: ResBlockOptions = {}): ResBlockParams {
  const heads = opts.attentionHeads ?? 0;
  const kernel = heads > 0 ? 1 : (opts.kernel ?? 3);
  const dims = opts.dims ?? 2;
  const attn = heads > 0 ? initAttention(rng, channels, heads) : undefined;
  const conv1 = initConv(rng, channels, channels, { kernel, dims });
  const conv2 = initConv(rng, channels, channels, { kernel, dims });
  scaleVariable(conv2.weight, 1e-2);
  return attn ? { attn, conv1, conv2 } : { conv1, conv2 };
}

export interface ResBlockContext extends DropoutContext {
  /** Dropout rate after the SiLU (LoLa: 0.05). */
  dropout?: number;
}

/** out = x + Conv(Dropout(SiLU(Conv([MHA residual](LN_c(x)))))). */
export function resBlock(p: ResBlockParams, x: tf.Tensor, ctx: ResBlockContext = { training: false }): tf.Tensor {
  return tf.tidy(() => {
    let y = channelLayerNorm(x);
    if (p.attn) y = tf.add(y, attention(p.attn, y));
    y = conv(p.conv1, y);
    y = silu(y);
    y = dropout(y, ctx.dropout ?? 0, ctx);
    y = conv(p.conv2, y);
    return tf.add(x, y);
  });
}
