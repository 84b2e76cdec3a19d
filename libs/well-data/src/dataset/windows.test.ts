import { describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { maximumStrideForStart, WindowIndex, windowsPerTrajectory } from './windows.js';

describe('window index (The Well semantics)', () => {
  it('counts windows as max(0, T - dt (n_in + n_out - 1))', () => {
    // docstring examples of raw_steps_to_possible_sample_t0s
    expect(windowsPerTrajectory(5, 1, 1, 1)).toBe(4);
    expect(windowsPerTrajectory(5, 1, 1, 2)).toBe(3);
    expect(windowsPerTrajectory(5, 1, 1, 3)).toBe(2);
    expect(windowsPerTrajectory(5, 2, 1, 2)).toBe(1);
    expect(windowsPerTrajectory(5, 3, 1, 2)).toBe(0);
    // LoLa: windows of 5 with stride 4 over Euler's 101 frames
    expect(windowsPerTrajectory(101, 5, 0, 4)).toBe(85);
  });

  it('turbulent_radiative_layer_2D check value: 72 train trajectories x 97 windows = 6984', () => {
    const idx = new WindowIndex(Array(8).fill(9), Array(8).fill(101), { nStepsInput: 4, nStepsOutput: 1 });
    expect(idx.length).toBe(6984);
  });

  it('maps flat indices to (file, trajectory, start) with cumulative offsets', () => {
    const idx = new WindowIndex([2, 3], [6, 8], { nStepsInput: 2, nStepsOutput: 1 }); // windows 4 and 6
    expect(idx.windowsPerFile).toEqual([4, 6]);
    expect(idx.length).toBe(2 * 4 + 3 * 6);
    expect(idx.locate(0)).toEqual({ file: 0, trajectory: 0, start: 0 });
    expect(idx.locate(5)).toEqual({ file: 0, trajectory: 1, start: 1 });
    expect(idx.locate(8)).toEqual({ file: 1, trajectory: 0, start: 0 });
    expect(idx.locate(25)).toEqual({ file: 1, trajectory: 2, start: 5 });
    expect(() => idx.locate(26)).toThrow('out of range');
    expect(() => new WindowIndex([1], [3], { nStepsInput: 3, nStepsOutput: 1 }, () => 'f.h5')).toThrow(
      'f.h5: 3 steps is not enough for 3 input and 1 output steps',
    );
  });

  it('draws variable strides in [min, min(max, (T - start - 1) // (n - 1))]', () => {
    expect(maximumStrideForStart(0, 10, 1, 1)).toBe(9);
    expect(maximumStrideForStart(3, 10, 2, 2)).toBe(2);
    const idx = new WindowIndex([1], [10], { nStepsInput: 2, nStepsOutput: 2, minDtStride: 1, maxDtStride: 5 });
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let k = 0; k < 200; k++) {
      const w = idx.windowOf({ file: 0, trajectory: 0, start: 3 }, rng);
      seen.add(w.stride);
      expect(w.start + (w.count - 1) * w.stride).toBeLessThan(10);
    }
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('full-trajectory mode: one window per trajectory, n_out = (min T - n_in dt) // dt, capped', () => {
    const idx = new WindowIndex([2, 1], [101, 90], { nStepsInput: 1, fullTrajectoryMode: true, minDtStride: 4, maxRolloutSteps: 1000 });
    expect(idx.length).toBe(3);
    expect(idx.nStepsOutput).toBe(Math.floor((90 - 4) / 4));
    expect(idx.windowOf(idx.locate(2))).toEqual({ start: 0, stride: 4, count: 1 + 21 });
    const capped = new WindowIndex([1], [101], { nStepsInput: 1, fullTrajectoryMode: true });
    expect(capped.nStepsOutput).toBe(100);
    const late = new WindowIndex([1], [101], { nStepsInput: 2, fullTrajectoryMode: true, startOutputStepsAtT: 10, maxRolloutSteps: 1000 });
    expect(late.windowOf(late.locate(0))).toEqual({ start: 8, stride: 1, count: 2 + 91 });
  });

  it('restricts trajectories to a seeded, nested subset', () => {
    const opts = { nStepsInput: 1, nStepsOutput: 1 };
    const all = new WindowIndex([3, 4], [5, 5], opts);
    const pick = (k: number) => {
      const idx = new WindowIndex([3, 4], [5, 5], { ...opts, restrictNumTrajectories: k, restrictionSeed: 7 });
      const trajs = new Set<string>();
      for (let i = 0; i < idx.length; i++) {
        const l = idx.locate(i);
        trajs.add(`${l.file}:${l.trajectory}`);
      }
      return { n: idx.length, trajs };
    };
    const two = pick(2),
      four = pick(4),
      half = pick(0.5);
    expect(two.n).toBe(2 * 4);
    expect(four.n).toBe(4 * 4);
    expect(half.trajs.size).toBe(3); // floor(7 * 0.5)
    for (const t of two.trajs) expect(four.trajs.has(t)).toBe(true);
    expect(all.length).toBe(28);
    const samples = new WindowIndex([3, 4], [5, 5], { ...opts, restrictNumSamples: 5 });
    expect(samples.length).toBe(5);
  });
});
