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
  initModelBackbone,
  initNoiseEmbedding,
  labelEmbedding,
  noiseEmbedding,
  vit,
  type DropoutContext,
  type LabelEmbeddingParams,
  type ModelBackboneConfig,
  type NoiseEmbeddingParams,
  type ViTParams,
} from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';
import { edmDenoiser, type Denoiser, type DenoiserNetwork } from './denoiser.js';
import { denoiserLoss, type LossDraws } from './loss.js';

/** The backbone's hyper-parameters (`ModelBackboneConfig`: C, N, D, blocks, heads, …) and the mask conditioning. */
export interface DiffusionModelConfig extends ModelBackboneConfig {
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
  const backbone = initModelBackbone(rng, config, { condChannels: config.masked === false ? 0 : config.channels, modFeatures: emb });
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
