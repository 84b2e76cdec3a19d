/**
 * Random context masks of LoLa's training windows (docs/method.md §4.2, `random_context_mask` with
 * λ = 1, ρ = 0.66, atleast = 1): the number of context states is
 * c = (Poisson(λ) mod (L − atleast)) + atleast — P(c = 1, 2, 3, 4) ≈ 0.383, 0.371, 0.185, 0.061
 * for L = 5 — and with probability ρ the context is the FIRST c states (forward emulation),
 * otherwise the LAST c states (backward emulation).
 */
import type { RandomSource } from '@lola-ts/numerics';
import * as tf from '@tensorflow/tfjs-core';

/** @deprecated import `RandomSource` from @lola-ts/numerics */
export type MaskRandom = RandomSource;

export interface ContextMaskOptions {
  /** Poisson rate λ (default 1). */
  lambda?: number;
  /** Probability ρ of forward emulation (default 0.66). */
  rho?: number;
  /** Minimum number of context states (default 1). */
  atleast?: number;
}

export interface ContextDraw {
  /** Number of context states c. */
  count: number;
  /** True: the first c states; false: the last c states. */
  forward: boolean;
}

/** One draw (Poisson first, then the direction, as in the reference). */
export function drawContext(rng: RandomSource, length: number, opts: ContextMaskOptions = {}): ContextDraw {
  const { lambda = 1, rho = 0.66, atleast = 1 } = opts;
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`context mask: window length must be an integer >= 2, got ${length}`);
  if (!Number.isInteger(atleast) || atleast < 0 || atleast >= length)
    throw new RangeError(`context mask: atleast must be an integer in [0, ${length - 1}], got ${atleast}`);
  if (!(rho >= 0 && rho <= 1)) throw new RangeError(`context mask: rho must be in [0, 1], got ${rho}`);
  const count = (rng.poisson(lambda) % (length - atleast)) + atleast;
  return { count, forward: rng.uniform() < rho };
}

/** The 0/1 mask of one draw over a window of `length` states. */
export function contextMaskRow(draw: ContextDraw, length: number): number[] {
  return Array.from({ length }, (_, i) => (draw.forward ? (i < draw.count ? 1 : 0) : i >= length - draw.count ? 1 : 0));
}

/**
 * A batch of masks as a float 0/1 tensor [B, L, 1, …, 1] of rank `rank` (5 for 2-D windows
 * [B, L, h, w, C]), broadcasting over positions and channels; also returns the draws.
 */
export function randomContextMask(
  rng: RandomSource,
  batch: number,
  length: number,
  rank: number,
  opts: ContextMaskOptions = {},
): { mask: tf.Tensor; draws: ContextDraw[] } {
  if (rank < 2) throw new RangeError(`context mask: rank must be >= 2, got ${rank}`);
  const draws = Array.from({ length: batch }, () => drawContext(rng, length, opts));
  const values = Float32Array.from(draws.flatMap((d) => contextMaskRow(d, length)));
  return { mask: tf.tensor(values, [batch, length, ...new Array<number>(rank - 2).fill(1)]), draws };
}

/** A fixed mask with the first `k` of `length` states known, shape [1, L, 1, …, 1]. */
export function firstStatesMask(k: number, length: number, rank: number): tf.Tensor {
  if (!Number.isInteger(k) || k < 1 || k >= length) throw new RangeError(`context: must be an integer in [1, ${length - 1}], got ${k}`);
  return tf.tensor(contextMaskRow({ count: k, forward: true }, length), [1, length, ...new Array<number>(rank - 2).fill(1)]);
}

/** Exact P(c = k), k = atleast..L−1, for c = Poisson(λ) mod (L − atleast) + atleast. */
export function contextCountProbabilities(length: number, opts: ContextMaskOptions = {}): number[] {
  const { lambda = 1, atleast = 1 } = opts;
  const m = length - atleast;
  const p = new Array<number>(m).fill(0);
  let term = Math.exp(-lambda);
  for (let n = 0; n < 200; n++) {
    p[n % m]! += term;
    term *= lambda / (n + 1);
  }
  return p;
}
