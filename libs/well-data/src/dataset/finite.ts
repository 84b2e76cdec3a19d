/**
 * Non-finite values (NaN, ±Inf) in data are errors by default (issue 15, docs/bad-inputs.md): a
 * NaN that reaches training skips every step, and one that reaches statistics reads as a
 * "constant channel". Readers check each block they return and name where the first bad value is.
 */

/** A NaN or ±Inf found in data, with where it is. */
export class NonFiniteDataError extends Error {
  override readonly name = 'NonFiniteDataError';

  constructor(
    readonly file: string,
    /** Field (channel) name, or a dataset path for latent caches. */
    readonly field: string,
    readonly trajectory: number,
    /** Time index in the file (absolute, not within the window); null for constant fields. */
    readonly frame: number | null,
    /** The first bad value. */
    readonly value: number,
    /** How many non-finite values the block read holds. */
    readonly count: number,
    /** What was being read, e.g. 'the train split'. */
    context?: string,
  ) {
    const at = frame === null ? '' : ` at frame ${frame}`;
    super(
      `${file}: non-finite value ${value} in field '${field}' of trajectory ${trajectory}${at}` +
        ` (${count} non-finite value${count === 1 ? '' : 's'} in the block read${context ? `, ${context}` : ''}); ` +
        'fix or drop the trajectory (data must be finite)',
    );
  }
}

/** Where a channels-last block `[nTime, *points, C]` (or `[*points, C]` with `frames: null`) comes from. */
export interface BlockOrigin {
  file: string;
  trajectory: number;
  /** Channel names (last axis); a single name is used for every channel. */
  channels: readonly string[];
  /** Absolute time index of each leading slice, or null for a constant block. */
  frames: readonly number[] | null;
  context?: string;
}

/** Index of the first NaN/±Inf in `data`, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is 0 for every finite v and NaN for NaN and ±Inf
    if (v - v !== 0) return i;
  }
  return -1;
}

/** Throws a `NonFiniteDataError` naming file, field, trajectory and frame of the first bad value. */
export function assertFiniteBlock(data: ArrayLike<number>, origin: BlockOrigin): void {
  const first = firstNonFinite(data);
  if (first < 0) return;
  let count = 0;
  for (let i = first; i < data.length; i++) if (data[i]! - data[i]! !== 0) count++;
  const C = Math.max(origin.channels.length, 1);
  const field = origin.channels.length === 1 ? origin.channels[0]! : (origin.channels[first % C] ?? `channel ${first % C}`);
  let frame: number | null = null;
  if (origin.frames) {
    const perFrame = data.length / origin.frames.length;
    frame = origin.frames[Math.floor(first / perFrame)]!;
  }
  throw new NonFiniteDataError(origin.file, field, origin.trajectory, frame, data[first]!, count, origin.context);
}
