/**
 * Conditioning embeddings of LoLa's emulators (docs/method.md §5, §6.4):
 * - noise level: SineEncoding(F, ω = 1e3) of c_noise → Linear(F → F) → SiLU → Linear(F → F);
 * - label: Linear(D_label → F) → SiLU → Linear(F → F).
 * F = 256 in LoLa. Parameter names follow the PyTorch `nn.Sequential` indices.
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { silu } from '../layers/activation.js';
import { initLinear, linear, type LinearParams } from '../layers/linear.js';
import { sineEncoding } from './sine.js';

export interface NoiseEmbeddingParams {
  features: number;
  '1': LinearParams;
  '3': LinearParams;
}

export interface LabelEmbeddingParams {
  '0': LinearParams;
  '2': LinearParams;
}

/** Noise-level embedding parameters (two F → F linears, PyTorch-default init). */
export function initNoiseEmbedding(rng: RandomSource, features = 256): NoiseEmbeddingParams {
  return { features, '1': initLinear(rng, features, features), '3': initLinear(rng, features, features) };
}

/** e(c_noise) for c_noise [B] → [B, F]. */
export function noiseEmbedding(p: NoiseEmbeddingParams, cNoise: tf.Tensor): tf.Tensor {
  return tf.tidy(() => linear(p['3'], silu(linear(p['1'], sineEncoding(cNoise, p.features, 1e3)))));
}

/** Label embedding parameters (D_label → F → F). */
export function initLabelEmbedding(rng: RandomSource, labelFeatures: number, features = 256): LabelEmbeddingParams {
  if (!Number.isInteger(labelFeatures) || labelFeatures < 1)
    throw new RangeError(`initLabelEmbedding: labelFeatures must be a positive integer, got ${labelFeatures}`);
  return { '0': initLinear(rng, labelFeatures, features), '2': initLinear(rng, features, features) };
}

/** e(label) for label [B, D_label] → [B, F]. */
export function labelEmbedding(p: LabelEmbeddingParams, label: tf.Tensor): tf.Tensor {
  return tf.tidy(() => linear(p['2'], silu(linear(p['0'], label))));
}
