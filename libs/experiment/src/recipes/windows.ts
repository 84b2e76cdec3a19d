/**
 * Training windows of the emulator stages (docs/method.md §4.1): windows of `window` states at time
 * stride `stride` with their labels, from a latent cache (`<path>/<split>.h5`, written by
 * `lola-train cache`) or, for the pixel solver, from a Well dataset with LoLa's preprocessing.
 * Every read is seeded, so a batch is a function of (seed, step).
 */
import { Rng } from '@lola-ts/numerics';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LatentDataset, WellDataset, type AugmentationName, type FieldPreprocessing, type WellSplit } from '@lola-ts/well-data';

/** A batch of windows with their labels. */
export interface WindowBatch {
  /** [B, L, …state, C] row-major. */
  data: Float32Array;
  shape: number[];
  /** [B, labelDim] row-major. */
  label: Float32Array;
}

/** One split's windows, read by index with a seeded draw. */
export interface WindowSource {
  readonly length: number;
  /** Shape of one state, channels last ([h, w, c]). */
  readonly stateShape: number[];
  readonly labelDim: number;
  read(indices: readonly number[], rng: Rng): Promise<WindowBatch>;
  close(): void;
}

function stack(items: { data: Float32Array; label: Float32Array }[], shape: number[], labelDim: number, what: string): WindowBatch {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size * items.length);
  const label = new Float32Array(labelDim * items.length);
  items.forEach((it, b) => {
    if (it.data.length !== size) throw new Error(`${what}: window ${b} has ${it.data.length} values, expected ${size}`);
    data.set(it.data, b * size);
    label.set(it.label, b * labelDim);
  });
  return { data, shape: [items.length, ...shape], label };
}

/** Windows of a latent cache split (`<dir>/<split>.h5`). */
export async function openLatentWindows(
  dir: string,
  split: WellSplit,
  o: { window: number; stride: number; seed: number },
): Promise<WindowSource> {
  const file = join(dir, `${split}.h5`);
  if (!existsSync(file))
    throw new Error(`latent cache split not found: ${file} (run lola-train cache first, or set data.path to the cache directory)`);
  const ds = await LatentDataset.open([file], { nStepsInput: o.window, nStepsOutput: 0, minDtStride: o.stride, seed: o.seed });
  if (ds.length === 0) {
    ds.close();
    throw new Error(
      `${file}: trajectories of ${ds.stores[0]!.meta.nSteps} states hold no window of ${o.window} states at stride ${o.stride}`,
    );
  }
  const meta = ds.stores[0]!.meta;
  return {
    length: ds.length,
    stateShape: [...meta.latentShape],
    labelDim: meta.labelDim,
    async read(indices, rng) {
      const items = [];
      for (const i of indices) {
        const s = await ds.get(i, { rng: rng.fork(i) });
        items.push({ data: s.states.data, label: s.label });
      }
      return stack(items, [o.window, ...meta.latentShape], meta.labelDim, file);
    },
    close: () => ds.close(),
  };
}

/** Windows of a Well dataset split, preprocessed (pixel solver). */
export async function openPixelWindows(
  root: string,
  split: WellSplit,
  o: { window: number; stride: number; seed: number; preprocess: FieldPreprocessing; augment?: AugmentationName[] },
): Promise<WindowSource & { channels: string[] }> {
  const ds = await WellDataset.open({
    path: root,
    split,
    nStepsInput: o.window,
    nStepsOutput: 0,
    minDtStride: o.stride,
    augment: o.augment?.length ? o.augment : undefined,
    preprocess: o.preprocess,
    returnGrid: false,
    seed: o.seed,
  });
  if (ds.length === 0) {
    ds.close();
    throw new Error(`${root} (${split}): trajectories hold no window of ${o.window} states at stride ${o.stride}`);
  }
  const first = await ds.get(0, { rng: new Rng(0) });
  const stateShape = first.inputFields.shape.slice(1);
  const labelDim = WellDataset.label(first).length;
  return {
    length: ds.length,
    stateShape,
    labelDim,
    channels: [...ds.channels],
    async read(indices, rng) {
      const items = [];
      for (const i of indices) {
        const s = await ds.get(i, { rng: rng.fork(i) });
        items.push({ data: s.inputFields.data, label: WellDataset.label(s) });
      }
      return stack(items, [o.window, ...stateShape], labelDim, `${root} (${split})`);
    },
    close: () => ds.close(),
  };
}
