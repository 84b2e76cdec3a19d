/**
 * Parameters of the DCAE-style autoencoder (docs/method.md §2.1–2.2) as a typed parameter tree
 * (`@lola-ts/nn-blocks` style: plain objects whose leaves are `tf.Variable`s; numbers and strings
 * are static fields). The config travels inside the tree, so one object is the whole model.
 *
 * Parameter names (safetensors keys) follow the tree: `encoder.in.weight`,
 * `encoder.levels.1.down.conv.weight`, `encoder.levels.1.blocks.0.conv1.weight`, `encoder.out.weight`,
 * `decoder.in.weight`, `decoder.levels.2.blocks.0.conv2.bias`, `decoder.levels.2.up.conv.weight`,
 * `decoder.out.weight`.
 */
import type { RandomSource } from '@lola-ts/numerics';
import {
  identityInit,
  initConv,
  initDownsample,
  initResBlock,
  initUpsample,
  type ConvParams,
  type ResBlockParams,
  type ResampleParams,
} from '@lola-ts/nn-blocks';
import { resolveDcaeConfig, type DcaeConfig } from './config.js';

export interface EncoderLevel {
  /** Pixel-unshuffle + identity-initialised Conv(4·C_{i−1} → C_i); absent at level 0. */
  down?: ResampleParams;
  blocks: ResBlockParams[];
}

export interface DecoderLevel {
  blocks: ResBlockParams[];
  /** Identity-initialised Conv(C_i → 4·C_{i−1}) + pixel shuffle; absent at level 0. */
  up?: ResampleParams;
}

export interface EncoderParams {
  /** Conv3×3(C_pix → C_0), PyTorch default init. */
  in: ConvParams;
  levels: EncoderLevel[];
  /** Conv3×3(C_last → c_lat), identity init. */
  out: ConvParams;
}

export interface DecoderParams {
  /** Conv3×3(c_lat → C_last), identity init. */
  in: ConvParams;
  /** Indexed by level (same index as the encoder); run from the last level down to 0. */
  levels: DecoderLevel[];
  /** Conv3×3(C_0 → C_pix), PyTorch default init, no output activation. */
  out: ConvParams;
}

/** The whole autoencoder: its (static) config and both halves. */
export interface Dcae {
  config: DcaeConfig;
  encoder: EncoderParams;
  decoder: DecoderParams;
}

/**
 * Builds a DCAE with LoLa's initialisation (docs/method.md §2.1): PyTorch-default conv init, every
 * down/up-sampling conv and the latent in/out convs identity-initialised (1e-2·W + pseudo-identity),
 * each ResBlock's last conv scaled by 1e-2. Draws come from `rng` in a fixed order (encoder first,
 * level by level, then the decoder from its input conv down to level 0), so a seed fixes the weights.
 */
export function initDcae(config: DcaeConfig, rng: RandomSource): Dcae {
  const cfg = resolveDcaeConfig(config);
  const dims = cfg.spatial;
  const hid = cfg.hidChannels;
  const blocksOf = (i: number) =>
    Array.from({ length: cfg.hidBlocks[i]! }, () => initResBlock(rng, hid[i]!, { dims, attentionHeads: cfg.attentionHeads[i] ?? 0 }));

  const encIn = initConv(rng, cfg.pixChannels, hid[0]!, { dims });
  const encLevels: EncoderLevel[] = hid.map((c, i) => {
    const down = i > 0 ? initDownsample(rng, hid[i - 1]!, c, { dims }) : undefined;
    const blocks = blocksOf(i);
    return down ? { down, blocks } : { blocks };
  });
  const encOut = identityInit(initConv(rng, hid[hid.length - 1]!, cfg.latChannels, { dims }));

  const decIn = identityInit(initConv(rng, cfg.latChannels, hid[hid.length - 1]!, { dims }));
  const decLevels: DecoderLevel[] = new Array(hid.length);
  for (let i = hid.length - 1; i >= 0; i--) {
    const blocks = blocksOf(i);
    decLevels[i] = i > 0 ? { blocks, up: initUpsample(rng, hid[i]!, hid[i - 1]!, { dims }) } : { blocks };
  }
  const decOut = initConv(rng, hid[0]!, cfg.pixChannels, { dims });

  return {
    config: cfg,
    encoder: { in: encIn, levels: encLevels, out: encOut },
    decoder: { in: decIn, levels: decLevels, out: decOut },
  };
}
