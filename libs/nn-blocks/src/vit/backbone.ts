/**
 * The ViT backbone of LoLa's latent models (docs/method.md §8, §9): the diffusion model and the
 * neural solver both wrap a ViT with C channels in and out, C or 0 condition channels (the mask)
 * and a modulation vector; this holds the backbone part of their configs and its initialisation.
 */
import { initViT, type ViTParams } from './vit.js';

/** The backbone hyper-parameters of a model config (diffusion model, solver). */
export interface ModelBackboneConfig {
  /** Channels C of one state (latent channels for latent models), in and out. */
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
  /** FFN dropout (default 0; LoLa's diffusion models: 0.05). */
  dropout?: number;
  /** Patch size per axis: 1 for latents, e.g. [1, 4, 4] for a pixel solver. */
  patchSize?: number | number[];
  ffnFactor?: number;
}

/**
 * Initialises the backbone (PyTorch-default init, the draws of `initViT`): C → C channels with
 * `condChannels` condition channels and `modFeatures` modulation features (0 = unmodulated blocks);
 * patch 1, FFN factor 4 and no dropout unless the config says otherwise.
 */
export function initModelBackbone(
  rng: Parameters<typeof initViT>[0],
  config: ModelBackboneConfig,
  io: { condChannels: number; modFeatures: number },
): ViTParams {
  return initViT(rng, {
    inChannels: config.channels,
    outChannels: config.channels,
    condChannels: io.condChannels,
    modFeatures: io.modFeatures,
    hidChannels: config.hidChannels,
    hidBlocks: config.hidBlocks,
    heads: config.heads,
    spatial: config.spatial,
    patchSize: config.patchSize ?? 1,
    ffnFactor: config.ffnFactor ?? 4,
    dropout: config.dropout ?? 0,
  });
}
