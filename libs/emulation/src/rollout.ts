/**
 * Autoregressive rollout (docs/method.md §10; LoLa's `emulate_rollout`), channels-last states:
 * 1. First call: known = the first `context` true states; the mask marks window positions
 *    0..context−1. The emulator returns a full window and ALL `window` frames are appended (for a
 *    DM the context frames equal the inputs up to the ≈1e-3 sampler decay; for an NS they are the
 *    network's reconstruction).
 * 2. Each later call: known = the last `overlap` generated frames at positions 0..overlap−1; the
 *    frames overlap..window−1 are appended (window − overlap new frames per call).
 * 3. Stop once the length reaches `rollout`, then truncate.
 * Ensemble members run in parallel as one batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { firstStatesMask } from './context-mask.js';

/** What an emulator gets for one window. */
export interface EmulateRequest {
  /** Window-shaped [B, window, …state]: the known frames at 0..k−1, zeros elsewhere. */
  y: tf.Tensor;
  /** 0/1 mask [1, window, 1, …, 1], first k positions set. */
  mask: tf.Tensor;
  /** Number of known frames k. */
  known: number;
  /** Index in the emulated trajectory of the window's first frame (LoLa's i). */
  start: number;
}

/** Returns the emulated window [B, window, …state] (a new tensor the rollout disposes). */
export type Emulate = (request: EmulateRequest) => tf.Tensor;

export interface RolloutOptions {
  /** Number of frames to produce (≥ 1). */
  rollout: number;
  /** Window length (LoLa: 5). */
  window?: number;
  /** Known frames for the first call (default 1). */
  context?: number;
  /** Known frames for later calls (default = context). */
  overlap?: number;
  /** Ensemble members: a trajectory [T, …state] is repeated this many times (default 1). */
  ensemble?: number;
  /** When true, `x` is already batched [B, T, …state] and `ensemble` must be unset. */
  batched?: boolean;
  /** Called after each window with the number of frames produced so far. */
  onProgress?: (frames: number, rollout: number) => void;
}

/**
 * Rolls an emulator out from the first `context` states of `x` ([T, …state], or [B, T, …state]
 * with `batched`). Returns [B, rollout, …state]. `x` is not disposed.
 */
export function rollout(emulate: Emulate, x: tf.Tensor, opts: RolloutOptions): tf.Tensor {
  const window = opts.window ?? 5;
  const context = opts.context ?? 1;
  const overlap = opts.overlap ?? context;
  if (!Number.isInteger(opts.rollout) || opts.rollout < 1)
    throw new RangeError(`rollout: rollout must be an integer >= 1, got ${opts.rollout}`);
  for (const [name, k] of [
    ['context', context],
    ['overlap', overlap],
  ] as const) {
    if (!Number.isInteger(k) || k < 1 || k >= window)
      throw new RangeError(`rollout: ${name} must be an integer in [1, ${window - 1}], got ${k}`);
  }
  if (opts.batched && opts.ensemble !== undefined) throw new Error('rollout: pass either batched input or ensemble, not both');
  const ensemble = opts.ensemble ?? 1;
  const minRank = opts.batched ? 3 : 2;
  if (x.rank < minRank)
    throw new Error(`rollout: expected ${opts.batched ? '[B, T, …state]' : '[T, …state]'}, got [${x.shape.join(', ')}]`);
  const timeAxis = opts.batched ? 1 : 0;
  if (x.shape[timeAxis]! < context)
    throw new Error(`rollout: the trajectory has ${x.shape[timeAxis]} states, fewer than context = ${context}`);

  const rank = x.rank + (opts.batched ? 0 : 1);
  let known = tf.tidy(() => {
    const first = tf.slice(
      x,
      new Array<number>(x.rank).fill(0),
      x.shape.map((d, a) => (a === timeAxis ? context : -1)),
    );
    return opts.batched ? first : tf.tile(tf.expandDims(first, 0), [ensemble, ...new Array<number>(x.rank).fill(1)]);
  });
  const pieces: tf.Tensor[] = [];
  let produced = 0;
  const masks = new Map<number, tf.Tensor>();
  try {
    while (produced < opts.rollout) {
      const k = produced === 0 ? context : overlap;
      if (!masks.has(k)) masks.set(k, firstStatesMask(k, window, rank));
      const mask = masks.get(k)!;
      const y = tf.tidy(() => {
        const pad = known.shape.map((d, a) => (a === 1 ? window - k : d));
        return tf.concat([known, tf.zeros(pad)], 1);
      });
      const start = produced === 0 ? 0 : produced - overlap;
      let out: tf.Tensor;
      try {
        out = emulate({ y, mask, known: k, start });
      } finally {
        y.dispose();
      }
      const expected = [known.shape[0], window, ...known.shape.slice(2)];
      if (out.rank !== expected.length || out.shape.some((d, a) => d !== expected[a])) {
        const got = out.shape;
        out.dispose();
        throw new Error(`rollout: the emulator returned [${got.join(', ')}], expected [${expected.join(', ')}]`);
      }
      const skip = produced === 0 ? 0 : overlap;
      const begin = (t: number) => out.shape.map((_, a) => (a === 1 ? t : 0));
      const size = (n: number) => out.shape.map((d, a) => (a === 1 ? n : -1));
      pieces.push(tf.slice(out, begin(skip), size(window - skip)));
      produced += window - skip;
      known.dispose();
      known = tf.slice(out, begin(window - overlap), size(overlap));
      out.dispose();
      opts.onProgress?.(Math.min(produced, opts.rollout), opts.rollout);
    }
    return tf.tidy(() => {
      const all = pieces.length === 1 ? pieces[0]! : tf.concat(pieces, 1);
      return tf.slice(
        all,
        new Array<number>(all.rank).fill(0),
        all.shape.map((d, a) => (a === 1 ? opts.rollout : -1)),
      );
    });
  } finally {
    known.dispose();
    tf.dispose(pieces);
    tf.dispose([...masks.values()]);
  }
}
