/**
 * Encoding and decoding whole trajectories frame by frame, in chunks (docs/method.md §10 step 5;
 * LoLa's `encode_traj` / `decode_traj`). The codec is passed as a function so that emulation does
 * not depend on the autoencoders package: `codec(frames [n, …]) → [n, …]`.
 */
import * as tf from '@tensorflow/tfjs-core';

export type FrameCodec = (frames: tf.Tensor) => tf.Tensor;

/**
 * Sizes of `chunks` nearly equal pieces of n items (torch.tensor_split: the first n mod chunks
 * pieces get one more).
 */
export function chunkSizes(n: number, chunks: number): number[] {
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunks must be an integer >= 1, got ${chunks}`);
  const base = Math.floor(n / chunks);
  const extra = n % chunks;
  return Array.from({ length: chunks }, (_, i) => base + (i < extra ? 1 : 0)).filter((s) => s > 0);
}

/**
 * Applies `codec` to every frame of x: [T, …] (or [B, T, …] with `batched`), flattening batch
 * and time, splitting into `chunks` pieces (default 1) and concatenating the results.
 * Returns [T, …out] or [B, T, …out]. `x` is not disposed.
 */
export function mapFrames(codec: FrameCodec, x: tf.Tensor, opts: { chunks?: number; batched?: boolean } = {}): tf.Tensor {
  const lead = opts.batched ? x.shape.slice(0, 2) : x.shape.slice(0, 1);
  if (x.rank < lead.length + 1)
    throw new Error(`mapFrames: expected ${opts.batched ? '[B, T, …]' : '[T, …]'}, got [${x.shape.join(', ')}]`);
  const n = lead.reduce((a, d) => a * d, 1);
  const frameShape = x.shape.slice(lead.length);
  const flat = tf.reshape(x, [n, ...frameShape]);
  const outs: tf.Tensor[] = [];
  try {
    let offset = 0;
    for (const size of chunkSizes(n, opts.chunks ?? 1)) {
      const piece = tf.slice(flat, [offset, ...frameShape.map(() => 0)], [size, ...frameShape.map(() => -1)]);
      try {
        const out = codec(piece);
        if (out.shape[0] !== size) {
          out.dispose();
          throw new Error(`mapFrames: the codec returned ${out.shape[0]} frames for ${size}`);
        }
        outs.push(out);
      } finally {
        piece.dispose();
      }
      offset += size;
    }
    return tf.tidy(() => {
      const all = outs.length === 1 ? outs[0]! : tf.concat(outs, 0);
      return tf.reshape(all, [...lead, ...all.shape.slice(1)]);
    });
  } finally {
    flat.dispose();
    tf.dispose(outs);
  }
}

/** Encodes a trajectory frame by frame: [T, …x] → [T, …z] (LoLa's `encode_traj`). */
export function encodeTrajectory(encode: FrameCodec, x: tf.Tensor, opts: { chunks?: number; batched?: boolean } = {}): tf.Tensor {
  return mapFrames(encode, x, opts);
}

/** Decodes a trajectory frame by frame: [T, …z] → [T, …x] (LoLa's `decode_traj`, 4 chunks for Euler). */
export function decodeTrajectory(decode: FrameCodec, z: tf.Tensor, opts: { chunks?: number; batched?: boolean } = {}): tf.Tensor {
  return mapFrames(decode, z, opts);
}
