/**
 * NaN/Inf in scored values. Scoring refuses them by default (naming file, field, trajectory and
 * frame); with `--allow-non-finite` they are counted per frame and channel, and every mean they
 * enter becomes NaN (a blown-up prediction must not score better by losing its frames).
 */

export interface NonFiniteAt {
  /** Leading index (ensemble member; 0 for a truth block). */
  member: number;
  frame: number;
  channel: number;
  value: number;
}

/**
 * Non-finite values per (frame, channel) of channels-last data [M, T, ...space, C] (or
 * [T, ...space, C]), summed over members and grid points: Float64Array of length T·C.
 */
export function countNonFinite(data: Float32Array, frames: number, channels: number, members = 1): Float64Array {
  const counts = new Float64Array(frames * channels);
  const frameBlock = data.length / (members * frames); // points × C
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i]!)) continue;
    const f = Math.floor(i / frameBlock) % frames;
    counts[f * channels + (i % channels)]! += 1;
  }
  return counts;
}

/** The first non-finite value of [M, T, ...space, C] data in storage order, or null. */
export function firstNonFinite(data: Float32Array, frames: number, channels: number, members = 1): NonFiniteAt | null {
  const perMember = data.length / members;
  const frameBlock = perMember / frames;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isFinite(v)) continue;
    const member = Math.floor(i / perMember);
    const j = i - member * perMember;
    return { member, frame: Math.floor(j / frameBlock), channel: j % channels, value: v };
  }
  return null;
}

export const total = (counts: ArrayLike<number>) => {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  return n;
};
