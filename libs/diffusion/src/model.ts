/**
 * LoLa's latent diffusion model (docs/method.md §6, §8): a ViT backbone F whose modulation vector is
 * emb = time_embedding(c_noise) + label_embedding(label), wrapped by the EDM preconditioning.
 * With `masked` (the default) the backbone takes C condition channels (the inpainting mask).
 * Parameter names follow LoLa's `EmbeddingWrapper` (`backbone.*`, `time_embedding.{1,3}`,
 * `label_embedding.{0,2}`).
 */
import type { RandomSource } from '@lola-ts/numerics';
import {
  initLabelEmbedding,
  initNoiseEmbedding,
  initViT,
  labelEmbedding,
  noiseEmbedding,
  vit,
  type DropoutContext,
  type LabelEmbeddingParams,
  type NoiseEmbeddingParams,
  type ViTParams,
} from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';
import { edmDenoiser, type Denoiser, type DenoiserNetwork } from './denoiser.js';
import { denoiserLoss, type LossDraws } from './loss.js';

export interface DiffusionModelConfig {
  /** Channels C of one state (latent channels). */
  channels: number;
  /** Grid rank N of a window, time included (3 for 2-D data). */
  spatial: number;
  /** Token channels D. */
  hidChannels: number;
  hidBlocks: number;
  heads: number;
  /** Modulation / embedding features (LoLa: 256). */
  embFeatures?: number;
  /** Label size D_label (0 = no label). */
  labelFeatures?: number;
  /** FFN dropout (LoLa: 0.05). */
  dropout?: number;
  /** Patch size (1 for latent models). */
  patchSize?: number | number[];
  ffnFactor?: number;
  /** Inpainting conditioning: C mask channels are concatenated to the input (default true). */
  masked?: boolean;
}

export interface DiffusionModelParams {
  backbone: ViTParams;
  time_embedding: NoiseEmbeddingParams;
  label_embedding?: LabelEmbeddingParams;
}

/** Initialises the model (draws: backbone, time embedding, label embedding). */
export function initDiffusionModel(rng: RandomSource, config: DiffusionModelConfig): DiffusionModelParams {
  const emb = config.embFeatures ?? 256;
  const backbone = initViT(rng, {
    inChannels: config.channels,
    outChannels: config.channels,
    condChannels: config.masked === false ? 0 : config.channels,
    modFeatures: emb,
    hidChannels: config.hidChannels,
    hidBlocks: config.hidBlocks,
    heads: config.heads,
    spatial: config.spatial,
    patchSize: config.patchSize ?? 1,
    ffnFactor: config.ffnFactor ?? 4,
    dropout: config.dropout ?? 0,
  });
  const time_embedding = initNoiseEmbedding(rng, emb);
  const labels = config.labelFeatures ?? 0;
  return labels > 0 ? { backbone, time_embedding, label_embedding: initLabelEmbedding(rng, labels, emb) } : { backbone, time_embedding };
}

export interface NetworkContext {
  /** Labels [B or 1, D_label] (required when the model has a label embedding). */
  label?: tf.Tensor;
  /** Dropout: training flag and rng. Default: evaluation. */
  drop?: DropoutContext;
}

/** The raw network F(x_in, c_noise, cond) of the model, with the label bound. */
export function diffusionNetwork(p: DiffusionModelParams, ctx: NetworkContext = {}): DenoiserNetwork {
  if (p.label_embedding && !ctx.label) throw new Error('diffusion model: this model is label-conditioned; pass ctx.label [B, D_label]');
  return (xIn, cNoise, cond) =>
    tf.tidy(() => {
      let mod = noiseEmbedding(p.time_embedding, cNoise);
      if (p.label_embedding && ctx.label) mod = tf.add(mod, labelEmbedding(p.label_embedding, ctx.label));
      return vit(p.backbone, xIn, { mod, cond }, ctx.drop);
    });
}

/** The EDM denoiser D(x_t, σ, cond) of the model (docs/method.md §6.2). */
export function diffusionDenoiser(p: DiffusionModelParams, ctx: NetworkContext = {}): Denoiser {
  return edmDenoiser(diffusionNetwork(p, ctx));
}

export interface DiffusionBatch {
  /** Clean windows [B, L, …, C]. */
  x: tf.Tensor;
  /** Context mask, 0/1, broadcastable to x (e.g. [B, L, 1, 1, 1]); omit for an unmasked model. */
  mask?: tf.Tensor;
  /** Labels [B, D_label]. */
  label?: tf.Tensor;
}

/**
 * The training loss of the model on a batch with fixed draws (docs/method.md §6.3 with the §6.5
 * context overwrite): call inside `valueAndGrads` for a step.
 */
export function diffusionTrainingLoss(p: DiffusionModelParams, batch: DiffusionBatch, draws: LossDraws, drop?: DropoutContext): tf.Scalar {
  return denoiserLoss(diffusionDenoiser(p, { label: batch.label, drop }), batch.x, draws, batch.mask);
}
