/**
 * Snapshot data of the AE stage (and of the pixel solver's statistics) (docs/method.md §2.7, §1): single states of a Well split, LoLa
 * preprocessing (per-field transform, then per-channel standardisation with statistics computed
 * after the transform over random training snapshots, LoLa's `get_stats.py`), augmentations on the
 * training split only. Every draw is seeded, so a batch is a function of (seed, step).
 */
import { Rng } from '@lola-ts/numerics';
import {
  assertFiniteBlock,
  byChannelIndex,
  fieldPreprocess,
  WellDataset,
  type AugmentationName,
  type FieldPreprocessing,
  type FieldTransformName,
  type WellSplit,
} from '@lola-ts/well-data';

/** Opens one split as single-snapshot windows (n_in = 1, n_out = 0). */
export async function openSnapshots(
  path: string,
  split: WellSplit,
  opts: { augment?: AugmentationName[]; preprocess?: FieldPreprocessing; seed?: number } = {},
): Promise<WellDataset> {
  return WellDataset.open({
    path,
    split,
    nStepsInput: 1,
    nStepsOutput: 0,
    augment: opts.augment?.length ? opts.augment : undefined,
    preprocess: opts.preprocess,
    returnGrid: false,
    seed: opts.seed ?? 0,
  });
}

/** Channel-index transform map of a by-name map (`data.transform`); unknown names are errors naming the key. */
export function transformByIndex(
  channels: readonly string[],
  transform: Record<string, FieldTransformName>,
  source: string,
): Record<number, FieldTransformName> {
  return byChannelIndex(channels, transform, source, 'data.transform');
}

/**
 * Per-channel mean and std of T_c(x) over `samples` snapshots drawn without replacement (with
 * replacement when the split is smaller) from `ds` (opened without preprocessing or augmentation),
 * accumulated in float64: mean = Σx/N, std = √(Σx²/N − mean²) (population moments).
 */
export async function snapshotStats(
  ds: WellDataset,
  transform: Record<number, FieldTransformName>,
  samples: number,
  seed: number,
): Promise<{ mean: number[]; std: number[] }> {
  const C = ds.channels.length;
  const rng = new Rng(`${seed}/stats`);
  const n = ds.length;
  const indices =
    n >= samples
      ? rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, samples)
      : Array.from({ length: samples }, () => rng.int(n));
  const sum = new Float64Array(C);
  const sq = new Float64Array(C);
  let count = 0;
  const pre: FieldPreprocessing = { transform };
  for (const i of indices) {
    // ds.get refuses NaN/Inf as stored; this catches values a transform makes non-finite (log of 0)
    const item = await ds.get(i, { rng: new Rng(0) });
    const x = fieldPreprocess(item.inputFields.data, C, pre);
    const src = item.source;
    const named = ds.channels.map((c, k) => (transform[k] ? `${c}' after transform '${transform[k]}` : c));
    assertFiniteBlock(x, {
      file: src.file,
      trajectory: src.trajectory,
      channels: named,
      frames: [src.start],
      context: 'computing the per-channel statistics',
    });
    for (let k = 0; k < x.length; k++) {
      const c = k % C;
      const v = x[k]!;
      sum[c] += v;
      sq[c] += v * v;
    }
    count += x.length / C;
  }
  const mean = Array.from(sum, (s) => s / count);
  const std = Array.from(sq, (s, c) => Math.sqrt(Math.max(s / count - mean[c]! ** 2, 0)));
  std.forEach((v, c) => {
    if (!Number.isFinite(v) || !Number.isFinite(mean[c]!))
      throw new Error(
        `channel '${ds.channels[c]}': statistics over ${samples} training snapshots are not finite (mean ${mean[c]}, std ${v}); the values overflow float64`,
      );
    if (!(v > 1e-8))
      throw new Error(`channel '${ds.channels[c]}' is constant over ${samples} training snapshots (std ${v}); it cannot be standardised`);
  });
  return { mean, std };
}

/** Reads the snapshots `indices` of `ds` into one channels-last batch `[B, ...res, C]`. */
export async function readBatch(ds: WellDataset, indices: readonly number[], rng: Rng): Promise<{ data: Float32Array; shape: number[] }> {
  const items = [];
  for (const i of indices) items.push(await ds.get(i, { rng: rng.fork(i) }));
  const frame = items[0]!.inputFields.data.length;
  const data = new Float32Array(frame * items.length);
  items.forEach((it, b) => {
    if (it.inputFields.data.length !== frame)
      throw new Error(
        `snapshot ${indices[b]} has ${it.inputFields.data.length} values, expected ${frame} (mixed resolutions in one split?)`,
      );
    data.set(it.inputFields.data, b * frame);
  });
  return { data, shape: [items.length, ...items[0]!.inputFields.shape.slice(1)] };
}
