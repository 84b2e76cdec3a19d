import * as tf from '@tensorflow/tfjs';
import { initDiffusionModel, logLogitSchedule } from '@lola-ts/diffusion';
import { disposeParams } from '@lola-ts/nn-blocks';
import { initSolver } from '@lola-ts/solvers';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffusionEmulator, solverEmulator } from './emulators.js';
import { rollout, type Emulate } from './rollout.js';
import { decodeTrajectory, encodeTrajectory, chunkSizes } from './trajectories.js';
import { trajectoryWindow, windowCount } from './windows.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A counting emulator on scalar states [B, 5, 1]: frame t of the window = last known + (t − k + 1)
 * for t ≥ k, the known values kept. Records each call's (known, start, first value).
 */
function countingEmulator(log: { known: number; start: number; first: number }[]): Emulate {
  return ({ y, known, start }) => {
    const yv = y.arraySync() as number[][][];
    log.push({ known, start, first: yv[0]![0]![0]! });
    return tf.tidy(() => {
      const rows = yv.map((w) => {
        const last = w[known - 1]![0]!;
        return w.map((f, t) => [t < known ? f[0]! : last + (t - known + 1)]);
      });
      return tf.tensor3d(rows);
    });
  };
}

describe('rollout (docs/method.md §10)', () => {
  for (const k of [1, 2, 3]) {
    for (const frames of [1, 5, 6, 17, 30]) {
      it(`context = overlap = ${k}, ${frames} frames: right length and frame bookkeeping`, () => {
        const log: { known: number; start: number; first: number }[] = [];
        const x = tf.tensor2d([[0], [1], [2], [3]]);
        const out = rollout(countingEmulator(log), x, { rollout: frames, context: k, overlap: k, ensemble: 2 });
        expect(out.shape).toEqual([2, frames, 1]);
        // The counting emulator continues the true sequence 0, 1, 2, … exactly.
        expect((out.arraySync() as number[][][])[1]!.map((f) => f[0])).toEqual(Array.from({ length: frames }, (_, i) => i));
        // First call: k known, start 0, 5 frames appended; then 5 − k per call.
        const calls = frames <= 5 ? 1 : 1 + Math.ceil((frames - 5) / (5 - k));
        expect(log.length).toBe(calls);
        log.forEach((c, i) => {
          expect(c.known).toBe(k);
          expect(c.start).toBe(i === 0 ? 0 : 5 + (i - 1) * (5 - k) - k);
          expect(c.first).toBe(c.start); // known frames are the last k generated ones
        });
        tf.dispose([x, out]);
      });
    }
  }

  it('supports different context and overlap, and batched input', () => {
    const log: { known: number; start: number; first: number }[] = [];
    const x = tf.tensor3d([
      [[0], [1], [2]],
      [[10], [11], [12]],
    ]);
    const out = rollout(countingEmulator(log), x, { rollout: 12, context: 3, overlap: 1, batched: true });
    expect(out.shape).toEqual([2, 12, 1]);
    expect((out.arraySync() as number[][][])[1]!.map((f) => f[0])).toEqual(Array.from({ length: 12 }, (_, i) => 10 + i));
    expect(log.map((c) => c.known)).toEqual([3, 1, 1]);
    expect(() => rollout(countingEmulator([]), x, { rollout: 3, context: 5 })).toThrow(/context/);
    tf.dispose([x, out]);
  });

  it('diffusion emulator: deterministic for a seed, context kept, no tensor leak over a long rollout', () => {
    const params = initDiffusionModel(new Rng(1), {
      channels: 2,
      spatial: 3,
      hidChannels: 8,
      hidBlocks: 1,
      heads: 2,
      embFeatures: 16,
      labelFeatures: 1,
    });
    const schedule = logLogitSchedule();
    const label = tf.tensor2d([[1.4]]);
    const x = tf.randomNormal([2, 2, 2, 2], 0, 1, 'float32', 7); // T = 2 states of [2, 2, 2]
    const run = (seed: number, frames: number) => {
      const emulate = diffusionEmulator(params, { schedule, rng: new Rng(seed), steps: 4, label });
      return rollout(emulate, x, { rollout: frames, ensemble: 3 });
    };
    const a = run(5, 9);
    const b = run(5, 9);
    const c = run(6, 9);
    expect(a.shape).toEqual([3, 9, 2, 2, 2]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    // Ensemble members differ (independent initial noise), and frame 0 ≈ the true first state.
    const av = a.arraySync() as number[][][][][];
    expect(av[0]![5]![0]![0]![0]).not.toBe(av[1]![5]![0]![0]![0]);
    const x0 = (x.arraySync() as number[][][][])[0]!;
    expect(Math.abs(av[2]![0]![1]![0]![1]! - x0[1]![0]![1]!)).toBeLessThan(5e-3);
    tf.dispose([a, b, c]);
    // Long rollout: tensor count returns to its starting value.
    const before = tf.memory().numTensors;
    const long = run(7, 41);
    expect(long.shape[1]).toBe(41);
    long.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([label, x]);
    disposeParams(params);
  });

  it('solver emulator: identical ensemble members', () => {
    const params = initSolver(new Rng(2), { channels: 1, spatial: 3, hidChannels: 8, hidBlocks: 1, heads: 2 });
    const x = tf.randomNormal([1, 2, 2, 1], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const out = rollout(solverEmulator(params), x, { rollout: 13, ensemble: 2 });
    expect(out.shape).toEqual([2, 13, 2, 2, 1]);
    const o = out.arraySync() as number[][][][][];
    expect(o[0]).toEqual(o[1]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    disposeParams(params);
  });
});

describe('trajectory encode/decode and windows', () => {
  it('maps frames in torch.tensor_split chunks and keeps order', () => {
    expect(chunkSizes(10, 4)).toEqual([3, 3, 2, 2]);
    expect(chunkSizes(2, 4)).toEqual([1, 1]);
    const seen: number[] = [];
    const encode = (f: tf.Tensor) => {
      seen.push(f.shape[0]!);
      return tf.tidy(() => tf.mean(tf.reshape(f, [f.shape[0]!, 2, 2, 2, 2, 1]), [2, 4])); // 2× mean-pool
    };
    const x = tf.reshape(tf.range(0, 10 * 4 * 4), [10, 4, 4, 1]);
    const z = encodeTrajectory(encode, x, { chunks: 4 });
    expect(seen).toEqual([3, 3, 2, 2]);
    expect(z.shape).toEqual([10, 2, 2, 1]);
    const whole = encode(x);
    expect(z.arraySync()).toEqual(whole.arraySync());
    const xb = tf.reshape(x, [2, 5, 4, 4, 1]);
    const zb = decodeTrajectory(encode, xb, { batched: true, chunks: 3 });
    expect(zb.shape).toEqual([2, 5, 2, 2, 1]);
    tf.dispose([x, z, whole, xb, zb]);
  });

  it('windows: T − 4·stride per trajectory, states j, j+s, …', () => {
    expect(windowCount(101, 5, 4)).toBe(85);
    const t = tf.reshape(tf.range(0, 20), [20, 1]);
    const w = trajectoryWindow(t, 3, 5, 4);
    expect(Array.from(w.dataSync())).toEqual([3, 7, 11, 15, 19]);
    expect(() => trajectoryWindow(t, 4, 5, 4)).toThrow(/out of range/);
    tf.dispose([t, w]);
  });
});
