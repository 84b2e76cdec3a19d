/**
 * LoLa's resampling layers (docs/method.md §2.1), both with identity-initialised 3×3 convs:
 * - down: pixel-unshuffle by r per axis (C → C·r^n), then Conv(C·r^n → C_out);
 * - up: Conv(C_in → C_out·r^n), then pixel-shuffle (→ C_out channels at r× resolution).
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { conv, identityInit, initConv, type ConvParams } from './conv.js';
import { pixelShuffle, pixelUnshuffle } from './shuffle.js';

export interface ResampleParams {
  /** Up/down factor per spatial axis (static). */
  factor: number;
  conv: ConvParams;
}

export interface ResampleOptions {
  /** Spatial rank (2 or 3; default 2). */
  dims?: 2 | 3;
  /** Factor per axis (default 2). */
  factor?: number;
  /** Conv kernel (default 3). */
  kernel?: number;
}

/** Down-sampling: unshuffle then an identity-initialised conv C_in·r^n → C_out. */
export function initDownsample(rng: RandomSource, inChannels: number, outChannels: number, opts: ResampleOptions = {}): ResampleParams {
  const dims = opts.dims ?? 2;
  const factor = opts.factor ?? 2;
  const c = initConv(rng, inChannels * factor ** dims, outChannels, { dims, kernel: opts.kernel ?? 3 });
  return { factor, conv: identityInit(c) };
}

/** [B, …S, C_in] → [B, …S/r, C_out]. */
export function downsample(p: ResampleParams, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => conv(p.conv, pixelUnshuffle(x, p.factor)));
}

/** Up-sampling: an identity-initialised conv C_in → C_out·r^n, then shuffle. */
export function initUpsample(rng: RandomSource, inChannels: number, outChannels: number, opts: ResampleOptions = {}): ResampleParams {
  const dims = opts.dims ?? 2;
  const factor = opts.factor ?? 2;
  const c = initConv(rng, inChannels, outChannels * factor ** dims, { dims, kernel: opts.kernel ?? 3 });
  return { factor, conv: identityInit(c) };
}

/** [B, …S, C_in] → [B, …S·r, C_out]. */
export function upsample(p: ResampleParams, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => pixelShuffle(conv(p.conv, x), p.factor));
}
