/**
 * A rollout directory (written by `lola-eval rollout`, readable by any tool): predicted
 * trajectories in The Well's format under `data/<split>/`, plus `rollout.json` describing how they
 * were made. Ensemble member s of source trajectory i is stored as trajectory `i·S + s`; prediction
 * frame f is at simulator time index `sliceStart + f·stride`, frames `0..context−1` being the
 * context, so lead time = (f − context + 1)·stride.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface RolloutSource {
  /** Truth file, relative to the dataset's split directory. */
  file: string;
  traj: number;
  /** First simulator time index of the slice. */
  sliceStart: number;
}

export interface RolloutManifest {
  method: string;
  compressionRate: number;
  dataset: string;
  /** The truth dataset directory (`<base>/<dataset_name>`). */
  datasetDir: string;
  split: string;
  context: number;
  stride: number;
  start: number;
  frames: number;
  ensembleSize: number;
  samplerSteps: number | null;
  model: string | null;
  /** Seed of the sampling noise (`--seed`; absent in manifests written before it was recorded). */
  seed?: number;
  /** One entry per source trajectory, in the order stored in the prediction files. */
  sources: RolloutSource[];
  /** Prediction file (relative to the rollout directory) holding each source's members, same order. */
  files: string[];
  timing?: { rolloutSeconds: number; decodeSeconds: number; encodeSeconds: number; secondsPerState: number };
}

export const MANIFEST_NAME = 'rollout.json';

export function readManifest(dir: string): RolloutManifest {
  const file = path.join(dir, MANIFEST_NAME);
  if (!existsSync(file)) throw new Error(`${dir}: not a rollout directory (no ${MANIFEST_NAME})`);
  let m: RolloutManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as RolloutManifest;
  } catch (err) {
    throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
  }
  for (const k of [
    'method',
    'compressionRate',
    'dataset',
    'split',
    'context',
    'stride',
    'frames',
    'ensembleSize',
    'sources',
    'files',
  ] as const) {
    if (m[k] === undefined) throw new Error(`${file}: missing key '${k}'`);
  }
  return m;
}
