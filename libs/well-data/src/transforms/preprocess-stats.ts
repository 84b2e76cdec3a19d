import type { WellDataset } from '../dataset/well-dataset.js';
import { Rng } from '@lola-ts/numerics';
import { fieldPreprocess, type FieldTransformName } from './field-transforms.js';

/** Per-channel statistics of transformed snapshots (LoLa's `get_stats.py`). */
export interface PreprocessStats {
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
  /** Snapshots used. */
  samples: number;
}

/**
 * The per-channel mean and std LoLa standardises with (docs/method.md §1; `experiments/get_stats.py`):
 * `samples` random items (without replacement, seeded) of a dataset opened with one input step,
 * each transformed by `transform`; mean = average of per-snapshot means, std =
 * √(average of per-snapshot second moments − mean²). Min and max are over all snapshots.
 */
export async function computePreprocessStats(
  dataset: WellDataset,
  opts: { transform?: Record<number, FieldTransformName>; samples?: number; seed?: number } = {},
): Promise<PreprocessStats> {
  const C = dataset.channels.length;
  const order = new Rng(opts.seed ?? 0).shuffle(Array.from({ length: dataset.length }, (_, i) => i));
  const picked = order.slice(0, Math.min(opts.samples ?? 1024, order.length));
  const first = new Float64Array(C);
  const second = new Float64Array(C);
  const min = Array<number>(C).fill(Infinity);
  const max = Array<number>(C).fill(-Infinity);
  for (const index of picked) {
    const item = await dataset.get(index);
    const x = fieldPreprocess(item.inputFields.data, C, { transform: opts.transform });
    const n = x.length / C;
    const s1 = new Float64Array(C);
    const s2 = new Float64Array(C);
    for (let i = 0; i < x.length; i++) {
      const c = i % C;
      const v = x[i]!;
      s1[c]! += v;
      s2[c]! += v * v;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
    for (let c = 0; c < C; c++) {
      first[c]! += s1[c]! / n;
      second[c]! += s2[c]! / n;
    }
  }
  const k = picked.length;
  const mean = Array.from(first, (v) => v / k);
  return { mean, std: Array.from(second, (v, c) => Math.sqrt(Math.max(0, v / k - mean[c]! ** 2))), min, max, samples: k };
}
