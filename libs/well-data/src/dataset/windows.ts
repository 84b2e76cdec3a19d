import { Rng } from '@lola-ts/numerics';

/**
 * Windows per trajectory, The Well's `raw_steps_to_possible_sample_t0s` (docs/well-format.md §5.2):
 * `max(0, T - dt * (n_in + n_out - 1))`.
 */
export function windowsPerTrajectory(nSteps: number, nStepsInput: number, nStepsOutput: number, dtStride: number): number {
  return Math.max(0, nSteps - dtStride * (nStepsInput + nStepsOutput - 1));
}

/**
 * Largest stride a window starting at `start` allows, The Well's `maximum_stride_for_initial_index`:
 * `max(0, floor((T - start - 1) / (n_in + n_out - 1)))` (unbounded for one-step windows).
 */
export function maximumStrideForStart(start: number, nSteps: number, nStepsInput: number, nStepsOutput: number): number {
  const used = nStepsInput + nStepsOutput - 1;
  if (used <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor((nSteps - start - 1) / used));
}

/** Window options shared by the Well dataset and the latent store (The Well's `WellDataset` names). */
export interface WindowOptions {
  /** Steps given as input (default 1). */
  nStepsInput?: number;
  /** Steps to predict (default 1; overridden in full-trajectory mode). */
  nStepsOutput?: number;
  /** Time stride between steps (default 1). */
  minDtStride?: number;
  /** With `maxDtStride > minDtStride`, each item draws its stride uniformly (default = min). */
  maxDtStride?: number;
  /** Caps the number of output steps of an item (default 100, as The Well). */
  maxRolloutSteps?: number;
  /** One window per trajectory, from step 0 to the end of the shortest file. */
  fullTrajectoryMode?: boolean;
  /** Full-trajectory mode: first output step (inputs counted backwards from it); -1 = after the inputs. */
  startOutputStepsAtT?: number;
  /** Keep a random subset of trajectories: a count, or a fraction in (0, 1). */
  restrictNumTrajectories?: number;
  /** Keep a random subset of windows: a count, or a fraction in (0, 1). */
  restrictNumSamples?: number;
  /** Seed of the restriction subsets (default 0). Subsets for growing counts are nested. */
  restrictionSeed?: number;
}

/** Where a dataset index points. */
export interface WindowLocation {
  file: number;
  trajectory: number;
  /** First time index of the window (before any stride draw). */
  start: number;
}

/**
 * Maps a flat dataset index to (file, trajectory, window start) exactly as The Well's `WellDataset`
 * (`_build_metadata`, `_load_one_sample`): cumulative per-file offsets, `traj = local // windows`,
 * `start = local % windows`; full-trajectory mode gives one window per trajectory.
 */
export class WindowIndex {
  readonly nStepsInput: number;
  /** Output steps of each item (after full-trajectory mode and `maxRolloutSteps`). */
  readonly nStepsOutput: number;
  readonly minDtStride: number;
  readonly maxDtStride: number;
  readonly fullTrajectoryMode: boolean;
  readonly startOutputStepsAtT: number;
  readonly windowsPerFile: number[];
  private readonly offsets: number[];
  private readonly restriction: number[] | null = null;

  constructor(
    readonly trajectoriesPerFile: readonly number[],
    readonly stepsPerFile: readonly number[],
    opts: WindowOptions = {},
    describeFile: (i: number) => string = (i) => `file ${i}`,
  ) {
    this.nStepsInput = opts.nStepsInput ?? 1;
    let nOut = opts.nStepsOutput ?? 1;
    this.minDtStride = opts.minDtStride ?? 1;
    this.maxDtStride = Math.max(opts.maxDtStride ?? this.minDtStride, this.minDtStride);
    this.fullTrajectoryMode = opts.fullTrajectoryMode ?? false;
    this.startOutputStepsAtT = opts.startOutputStepsAtT ?? -1;
    const ints = [this.nStepsInput, nOut, this.minDtStride];
    if (!ints.every((n) => Number.isInteger(n) && n >= 0) || this.minDtStride < 1 || this.nStepsInput + nOut < 1) {
      throw new RangeError(
        `window options: nStepsInput=${this.nStepsInput}, nStepsOutput=${nOut}, minDtStride=${this.minDtStride} must be non-negative integers (stride >= 1)`,
      );
    }
    if (this.fullTrajectoryMode && this.maxDtStride > this.minDtStride)
      throw new RangeError('full trajectory mode is not supported with variable strides (maxDtStride > minDtStride)');
    if (this.fullTrajectoryMode && this.startOutputStepsAtT >= 0 && (this.nStepsInput + 1) * this.minDtStride > this.startOutputStepsAtT) {
      throw new RangeError(
        `full trajectory mode: output cannot start at t=${this.startOutputStepsAtT}; the first available step is ${(this.nStepsInput + 1) * this.minDtStride}`,
      );
    }
    if (this.fullTrajectoryMode) {
      const lowest = Math.min(...stepsPerFile);
      nOut = Math.floor((lowest - Math.max(this.nStepsInput * this.minDtStride, this.startOutputStepsAtT)) / this.minDtStride);
      if (nOut <= 0)
        throw new RangeError(
          `full trajectory mode: ${lowest} steps leave no output step after ${this.nStepsInput} inputs with stride ${this.minDtStride}`,
        );
      this.windowsPerFile = stepsPerFile.map(() => 1);
    } else {
      this.windowsPerFile = stepsPerFile.map((T, i) => {
        const w = windowsPerTrajectory(T, this.nStepsInput, nOut, this.minDtStride);
        if (w <= 0)
          throw new RangeError(
            `${describeFile(i)}: ${T} steps is not enough for ${this.nStepsInput} input and ${nOut} output steps with a minimum stride of ${this.minDtStride}`,
          );
        return w;
      });
    }
    this.nStepsOutput = Math.min(nOut, opts.maxRolloutSteps ?? 100);
    this.offsets = [0];
    trajectoriesPerFile.forEach((n, i) => this.offsets.push(this.offsets[i]! + n * this.windowsPerFile[i]!));
    if (opts.restrictNumTrajectories !== undefined || opts.restrictNumSamples !== undefined) {
      this.restriction = this.buildRestriction(opts);
    }
  }

  /** Number of items. */
  get length(): number {
    return this.restriction ? this.restriction.length : this.offsets[this.offsets.length - 1]!;
  }

  /** Total trajectories over all files. */
  get nTrajectories(): number {
    return this.trajectoriesPerFile.reduce((a, b) => a + b, 0);
  }

  private buildRestriction(opts: WindowOptions): number[] {
    const rng = new Rng(opts.restrictionSeed ?? 0);
    const total = this.offsets[this.offsets.length - 1]!;
    let indices: number[] = Array.from({ length: total }, (_, i) => i);
    if (opts.restrictNumTrajectories !== undefined && opts.restrictNumSamples === undefined) {
      const nTraj = this.nTrajectories;
      let k = opts.restrictNumTrajectories;
      k = k > 0 && k < 1 ? Math.floor(nTraj * k) : Math.min(Math.floor(k), nTraj);
      // shuffle then take a prefix, so that larger restrictions contain smaller ones
      const chosen = new Set(rng.shuffle(Array.from({ length: nTraj }, (_, i) => i)).slice(0, k));
      indices = [];
      let g = 0;
      this.trajectoriesPerFile.forEach((n, f) => {
        const w = this.windowsPerFile[f]!;
        for (let t = 0; t < n; t++, g++) {
          if (chosen.has(g)) for (let j = 0; j < w; j++) indices.push(this.offsets[f]! + t * w + j);
        }
      });
    }
    if (opts.restrictNumSamples !== undefined) {
      let k = opts.restrictNumSamples;
      k = k > 0 && k < 1 ? Math.floor(indices.length * k) : Math.min(Math.floor(k), indices.length);
      indices = rng.shuffle(indices).slice(0, k);
    }
    return indices;
  }

  /** File, trajectory and window start of item `index`. */
  locate(index: number): WindowLocation {
    if (!Number.isInteger(index) || index < 0 || index >= this.length)
      throw new RangeError(`index ${index} out of range [0, ${this.length})`);
    const g = this.restriction ? this.restriction[index]! : index;
    let lo = 0;
    let hi = this.offsets.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= g) lo = mid;
      else hi = mid - 1;
    }
    const w = this.windowsPerFile[lo]!;
    const local = g - this.offsets[lo]!;
    return { file: lo, trajectory: Math.floor(local / w), start: local % w };
  }

  /**
   * Stride and first time index of an item's window: the stride is drawn uniformly in
   * `[min, min(max, maximumStrideForStart)]` when `maxDtStride > minDtStride`; in full-trajectory
   * mode with `startOutputStepsAtT >= 0`, the start is `startOutputStepsAtT - n_in * dt`.
   */
  windowOf(loc: WindowLocation, rng?: Rng): { start: number; stride: number; count: number } {
    let dt = this.minDtStride;
    if (this.maxDtStride > this.minDtStride) {
      const eff = Math.min(
        maximumStrideForStart(loc.start, this.stepsPerFile[loc.file]!, this.nStepsInput, this.nStepsOutput),
        this.maxDtStride,
      );
      if (eff > this.minDtStride) {
        if (!rng) throw new Error('a variable stride (maxDtStride > minDtStride) needs an Rng');
        dt = this.minDtStride + rng.int(eff - this.minDtStride + 1);
      }
    }
    const start = this.fullTrajectoryMode && this.startOutputStepsAtT >= 0 ? this.startOutputStepsAtT - this.nStepsInput * dt : loc.start;
    return { start, stride: dt, count: this.nStepsInput + this.nStepsOutput };
  }
}
