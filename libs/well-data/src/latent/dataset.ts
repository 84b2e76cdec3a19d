import type { Tensor32 } from '../dataset/sample.js';
import { WindowIndex, type WindowOptions } from '../dataset/windows.js';
import { assertFiniteBlock } from '../dataset/finite.js';
import { openAll } from '../dataset/open-all.js';
import { WellFormatError } from '../errors.js';
import { Rng } from '@lola-ts/numerics';
import { openLatentStore, type LatentStore } from './store.js';

/** One item of a `LatentDataset`. */
export interface LatentSample {
  /** The whole window `[n_in + n_out, *latentShape]` (LoLa's `state[i, j : j + (L-1)s + 1 : s]`). */
  states: Tensor32;
  /** First `n_in` states. */
  inputStates: Tensor32;
  /** Remaining `n_out` states (absent when 0). */
  outputStates?: Tensor32;
  label: Float32Array;
  source: { file: string; fileIndex: number; trajectory: number; start: number; stride: number };
}

/** Options of `LatentDataset.open`. */
export interface LatentDatasetOptions extends WindowOptions {
  seed?: number;
  /** Return NaN/±Inf states as read instead of throwing a `NonFiniteDataError` (default false). */
  allowNonFinite?: boolean;
}

/**
 * Windows over one or more latent caches, with the same window options and index formula as
 * `WellDataset` (LoLa's training windows: `nStepsInput: 5, nStepsOutput: 0, minDtStride: 4`
 * give `T - 16` windows per trajectory, docs/method.md §4.1).
 */
export class LatentDataset {
  readonly windows: WindowIndex;

  private constructor(
    readonly stores: LatentStore[],
    readonly options: LatentDatasetOptions,
  ) {
    this.windows = new WindowIndex(
      stores.map((s) => s.nTrajectories),
      stores.map((s) => s.meta.nSteps),
      options,
      (i) => stores[i]!.path,
    );
  }

  /** Opens the caches (all must share latent shape, label size and autoencoder run). */
  static async open(files: readonly string[], options: LatentDatasetOptions = {}): Promise<LatentDataset> {
    const stores = await openAll(files, openLatentStore, (s, first, p) => {
      const a = first.meta;
      if (s.meta.latentShape.join() !== a.latentShape.join() || s.meta.labelDim !== a.labelDim || s.meta.aeRunId !== a.aeRunId) {
        throw new WellFormatError(
          p,
          '/',
          `latent shape [${a.latentShape.join(', ')}], label size ${a.labelDim} and run '${a.aeRunId}' as in ${first.path}`,
          `[${s.meta.latentShape.join(', ')}], ${s.meta.labelDim}, '${s.meta.aeRunId}'`,
        );
      }
    });
    try {
      return new LatentDataset(stores, options);
    } catch (err) {
      for (const s of stores) s.close();
      throw err;
    }
  }

  get length(): number {
    return this.windows.length;
  }

  close(): void {
    for (const s of this.stores) s.close();
  }

  /** Item `index`; a variable stride is drawn from `rng` or the per-epoch seed. */
  async get(index: number, opts: { epoch?: number; rng?: Rng } = {}): Promise<LatentSample> {
    const rng = opts.rng ?? new Rng(`${this.options.seed ?? 0}:${opts.epoch ?? 0}:${index}`);
    const loc = this.windows.locate(index);
    const w = this.windows.windowOf(loc, rng);
    const store = this.stores[loc.file]!;
    const states = store.readStates(loc.trajectory, w);
    const label = store.readLabel(loc.trajectory);
    if (!this.options.allowNonFinite) {
      const frames = Array.from({ length: w.count }, (_, k) => w.start + k * w.stride);
      assertFiniteBlock(states.data, { file: store.path, trajectory: loc.trajectory, channels: ['state'], frames });
      assertFiniteBlock(label, { file: store.path, trajectory: loc.trajectory, channels: ['label'], frames: null });
    }
    const nIn = this.windows.nStepsInput;
    const frame = states.data.length / w.count;
    const tail = states.shape.slice(1);
    const sample: LatentSample = {
      states,
      inputStates: { data: states.data.subarray(0, nIn * frame), shape: [nIn, ...tail] },
      label,
      source: { file: store.path, fileIndex: loc.file, trajectory: loc.trajectory, start: w.start, stride: w.stride },
    };
    if (w.count > nIn) sample.outputStates = { data: states.data.subarray(nIn * frame), shape: [w.count - nIn, ...tail] };
    return sample;
  }
}
