/**
 * LoLa's ViT backbone over a (time × space) token grid (docs/method.md §8.1), channels-last:
 *   input x [B, L_1, …, L_N, C_in] (+ cond [B, …, C_cond] concatenated on channels)
 *   → patchify (patch 1 for latent models) → Linear(C·∏p → D) → tokens; `skip` = these tokens
 *   → + Linear(N·D → D)(concat_a SineEncoding(D, ω = 1e3)(coo_a))   (absolute, added once)
 *   → blocks (each gets mod, coordinates for RoPE, and skip)
 *   → Linear(D → C_out·∏p) → unpatchify → [B, L_1, …, L_N, C_out].   No final norm.
 * Parameter names follow LoLa's PyTorch module (`in_proj`, `out_proj`, `positional_embedding.2`,
 * `blocks.i.*`).
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import type { DropoutContext } from '../layers/dropout.js';
import { initLinear, linear, type LinearParams } from '../layers/linear.js';
import { initViTBlock, vitBlock, type ViTBlockParams } from './block.js';
import { tokenCoordinates } from './coords.js';
import { patchify, unpatchify } from './patch.js';
import { sineEncoding } from './sine.js';

export interface ViTOptions {
  inChannels: number;
  outChannels: number;
  /** Condition channels concatenated to the input (the mask: C for masked models, else 0). */
  condChannels?: number;
  /** Modulation features M (256); 0 = unmodulated blocks. */
  modFeatures?: number;
  /** Token channels D. */
  hidChannels: number;
  /** Number of blocks. */
  hidBlocks: number;
  heads: number;
  /** Spatial rank N of the grid (time + space dims: 3 for 2-D data windows). */
  spatial: number;
  /** Patch size per axis (default 1 everywhere). */
  patchSize?: number | number[];
  ffnFactor?: number;
  dropout?: number;
  rope?: boolean;
}

export interface ViTParams {
  spatial: number;
  patch: number[];
  in_proj: LinearParams;
  out_proj: LinearParams;
  positional_embedding: { '2': LinearParams };
  blocks: ViTBlockParams[];
}

/** Initialises a ViT (PyTorch-default init; draws: in_proj, out_proj, positional, blocks). */
export function initViT(rng: RandomSource, opts: ViTOptions): ViTParams {
  const { inChannels, outChannels, condChannels = 0, hidChannels: d, spatial } = opts;
  const patch =
    typeof opts.patchSize === 'number' || opts.patchSize === undefined
      ? new Array<number>(spatial).fill(opts.patchSize ?? 1)
      : [...opts.patchSize];
  if (patch.length !== spatial) throw new Error(`ViT: patchSize has ${patch.length} entries, expected spatial = ${spatial}`);
  const vol = patch.reduce((a, p) => a * p, 1);
  return {
    spatial,
    patch,
    in_proj: initLinear(rng, vol * (inChannels + condChannels), d),
    out_proj: initLinear(rng, d, vol * outChannels),
    positional_embedding: { '2': initLinear(rng, spatial * d, d) },
    blocks: Array.from({ length: opts.hidBlocks }, () =>
      initViTBlock(rng, {
        channels: d,
        heads: opts.heads,
        spatial,
        modFeatures: opts.modFeatures ?? 0,
        ffnFactor: opts.ffnFactor ?? 4,
        dropout: opts.dropout ?? 0,
        rope: opts.rope ?? true,
      }),
    ),
  };
}

/** The absolute positional embedding [T, D] of a token grid (docs/method.md §8.1). */
export function positionalEmbedding(p: ViTParams, grid: readonly number[], coords?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const c = coords ?? tokenCoordinates(grid);
    const d = p.positional_embedding['2'].weight.shape[1]!;
    const enc = tf.reshape(sineEncoding(c, d, 1e3), [c.shape[0], grid.length * d]);
    return linear(p.positional_embedding['2'], enc) as tf.Tensor2D;
  });
}

export interface ViTInputs {
  /** Modulation vector [B, M] (or [M]). */
  mod?: tf.Tensor;
  /** Condition channels [B, L_1, …, L_N, C_cond]. */
  cond?: tf.Tensor;
}

/** Forward pass: x [B, L_1·p_1, …, L_N·p_N, C_in] → [B, …, C_out]. */
export function vit(p: ViTParams, x: tf.Tensor, inputs: ViTInputs = {}, drop: DropoutContext = { training: false }): tf.Tensor {
  return tf.tidy(() => {
    if (x.rank !== p.spatial + 2) throw new Error(`ViT: expected input [B, ${p.spatial} grid axes, C], got [${x.shape.join(', ')}]`);
    const b = x.shape[0];
    const input = inputs.cond ? tf.concat([x, inputs.cond], -1) : x;
    const expectedIn = p.in_proj.weight.shape[0]!;
    const patched = patchify(input, p.patch);
    if (patched.shape[patched.rank - 1] !== expectedIn) {
      throw new Error(
        `ViT: input has ${input.shape[input.rank - 1]} channels (x + cond); the model expects ${expectedIn / p.patch.reduce((a, q) => a * q, 1)}`,
      );
    }
    const grid = patched.shape.slice(1, -1);
    const tokensCount = grid.reduce((a, g) => a * g, 1);
    const d = p.in_proj.weight.shape[1]!;
    const skip = tf.reshape(linear(p.in_proj, patched), [b, tokensCount, d]);
    const coords = tokenCoordinates(grid);
    let h = tf.add(skip, positionalEmbedding(p, grid, coords));
    for (const block of p.blocks) {
      h = vitBlock(block, h, { mod: inputs.mod, coords, skip }, drop);
    }
    const out = tf.reshape(linear(p.out_proj, h), [b, ...grid, p.out_proj.weight.shape[1]!]);
    return unpatchify(out, p.patch);
  });
}
