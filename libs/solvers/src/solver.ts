/**
 * LoLa's neural solver (deterministic surrogate, docs/method.md §9; `MaskedSurrogate`): the ViT
 * backbone with C condition channels, input x·mask concatenated with the mask, modulation = the
 * label embedding only (no time input; unmodulated blocks when there is no label). Loss: plain
 * MSE between the full output window and the full ground-truth window, context included.
 * Latent variant: patch 1 on cached latents. Pixel variant: the same model on preprocessed
 * fields with a patch such as (1, p, p) over (t, y, x) (LoLa's `vit_pixel` uses (1, 16, 16)).
 * Parameter names follow LoLa (`backbone.*`, `label_embedding.{0,2}`).
 */
import type { RandomSource } from '@lola-ts/numerics';
import {
  initLabelEmbedding,
  initModelBackbone,
  labelEmbedding,
  vit,
  type DropoutContext,
  type LabelEmbeddingParams,
  type ModelBackboneConfig,
  type ViTParams,
} from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';

/** The backbone's hyper-parameters (C, N, D, blocks, heads, …); no label (`labelFeatures` 0) = unmodulated blocks. */
export type SolverConfig = ModelBackboneConfig;

export interface SolverParams {
  backbone: ViTParams;
  label_embedding?: LabelEmbeddingParams;
}

/** Initialises a solver (draws: backbone, then label embedding). */
export function initSolver(rng: RandomSource, config: SolverConfig): SolverParams {
  const emb = config.embFeatures ?? 256;
  const labels = config.labelFeatures ?? 0;
  const backbone = initModelBackbone(rng, config, { condChannels: config.channels, modFeatures: labels > 0 ? emb : 0 });
  return labels > 0 ? { backbone, label_embedding: initLabelEmbedding(rng, labels, emb) } : { backbone };
}

export interface SolverInputs {
  /** Windows [B, L, …, C]; values off the context are ignored (multiplied by the mask). */
  x: tf.Tensor;
  /** Context mask, 0/1, broadcastable to x (e.g. [B, L, 1, 1, 1]). */
  mask: tf.Tensor;
  /** Labels [B or 1, D_label] (required for a label-conditioned solver). */
  label?: tf.Tensor;
}

/** The solver's prediction of the whole window: F(concat[x·m, m], label_emb(label)). */
export function solverForward(p: SolverParams, inputs: SolverInputs, drop?: DropoutContext): tf.Tensor {
  if (p.label_embedding && !inputs.label) throw new Error('solver: this solver is label-conditioned; pass label [B, D_label]');
  return tf.tidy(() => {
    const m = tf.mul(tf.onesLike(inputs.x), inputs.mask);
    const mod = p.label_embedding && inputs.label ? labelEmbedding(p.label_embedding, inputs.label) : undefined;
    return vit(p.backbone, tf.mul(inputs.x, m), { mod, cond: m }, drop);
  });
}

/** MSE over all elements of the window, context included (docs/method.md §9). */
export function solverLoss(p: SolverParams, inputs: SolverInputs, drop?: DropoutContext): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(solverForward(p, inputs, drop), inputs.x)) as tf.Scalar);
}
