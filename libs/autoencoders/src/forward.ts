/**
 * Forward passes of the DCAE (docs/method.md §2.2), channels last: states `[B, H, W, C_pix]`
 * (`[B, X, Y, Z, C_pix]` in 3-D), latents `[B, H/f, W/f, c_lat]`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv, downsample, resBlock, upsample } from '@lola-ts/nn-blocks';
import type { RandomSource } from '@lola-ts/numerics';
import { downsamplingFactor } from './config.js';
import type { Dcae } from './dcae.js';
import { reconstructionLoss, type LossWeights } from './losses.js';
import { saturate } from './saturation.js';

/** Training mode turns dropout on; its masks draw their seeds from `rng` in a fixed order. */
export interface ForwardOptions {
  training?: boolean;
  rng?: RandomSource;
}

function checkInput(ae: Dcae, x: tf.Tensor, channels: number, what: string, factor: number): void {
  const { spatial } = ae.config;
  if (x.rank !== spatial + 2)
    throw new Error(`${what}: expected a rank-${spatial + 2} channels-last batch, got shape [${x.shape.join(', ')}]`);
  const c = x.shape[x.rank - 1];
  if (c !== channels) throw new Error(`${what}: expected ${channels} channels (last axis), got ${c} in shape [${x.shape.join(', ')}]`);
  x.shape.slice(1, -1).forEach((n, i) => {
    if (n % factor !== 0) throw new Error(`${what}: spatial axis ${i} has size ${n}, not divisible by the down-sampling factor ${factor}`);
  });
}

/**
 * Encoder (docs/method.md §2.2): Conv3×3(C_pix → C_0) and `blocks[0]` ResBlocks; at each level i ≥ 1,
 * pixel-unshuffle + Conv(4·C_{i−1} → C_i) and `blocks[i]` ResBlocks; Conv3×3(C_last → c_lat); then
 * the latent saturation (softclip2 by default, §2.4).
 */
export function encode(ae: Dcae, x: tf.Tensor, opts: ForwardOptions = {}): tf.Tensor {
  const cfg = ae.config;
  checkInput(ae, x, cfg.pixChannels, 'encode', downsamplingFactor(cfg));
  const ctx = { training: opts.training ?? false, rng: opts.rng, dropout: cfg.dropout };
  return tf.tidy(() => {
    let h = conv(ae.encoder.in, x);
    ae.encoder.levels.forEach((level) => {
      if (level.down) h = downsample(level.down, h);
      for (const b of level.blocks) h = resBlock(b, h, ctx);
    });
    return saturate(conv(ae.encoder.out, h), cfg.saturation);
  });
}

/**
 * Decoder (mirror of the encoder, docs/method.md §2.2): Conv3×3(c_lat → C_last); for i from the last
 * level to 0, `blocks[i]` ResBlocks then Conv(C_i → 4·C_{i−1}) + pixel shuffle if i > 0, or
 * Conv3×3(C_0 → C_pix) at i = 0. No output activation (the result is the standardised state).
 * Deterministic unless `training` is set (dropout), and never adds latent noise (§2.4).
 */
export function decode(ae: Dcae, z: tf.Tensor, opts: ForwardOptions = {}): tf.Tensor {
  const cfg = ae.config;
  checkInput(ae, z, cfg.latChannels, 'decode', 1);
  const ctx = { training: opts.training ?? false, rng: opts.rng, dropout: cfg.dropout };
  return tf.tidy(() => {
    let h = conv(ae.decoder.in, z);
    for (let i = ae.decoder.levels.length - 1; i >= 0; i--) {
      const level = ae.decoder.levels[i]!;
      for (const b of level.blocks) h = resBlock(b, h, ctx);
      if (level.up) h = upsample(level.up, h);
    }
    return conv(ae.decoder.out, h);
  });
}

/** decode(encode(x)): the reconstruction used by the training loss (no latent noise, §2.4). */
export function reconstruct(ae: Dcae, x: tf.Tensor, opts: ForwardOptions = {}): tf.Tensor {
  return tf.tidy(() => decode(ae, encode(ae, x, opts), opts));
}

/**
 * The AE training objective: Σ_k w_k·L_k(reconstruct(x), x) over L1 / MSE / VRMSE
 * (docs/method.md §2.6), with dropout when `opts.training` is set.
 */
export function autoencoderLoss(ae: Dcae, x: tf.Tensor, weights: LossWeights, opts: ForwardOptions = {}): tf.Scalar {
  return tf.tidy(() => reconstructionLoss(reconstruct(ae, x, opts), x, weights));
}
