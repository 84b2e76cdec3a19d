/**
 * Test fixtures of the stages (used only by tests, here and in the programs): a tiny Euler-like Well
 * dataset written with @lola-ts/well-data's writer (smooth positive energy/density/pressure, a
 * momentum vector, γ as a parameter, open or periodic boundaries), and a tiny latent cache
 * (`train.h5`, `valid.h5`, `cache.yaml`) of smooth travelling waves.
 */
import { Rng } from '@lola-ts/numerics';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeConfig } from '@lola-ts/nn-blocks';
import { createLatentStore, createWellFile, type WellSplit } from '@lola-ts/well-data';

/** Options of `writeTinyEulerDataset`. */
export interface FixtureOptions {
  resolution?: number;
  frames?: number;
  /** Trajectories per split. */
  trajectories?: Partial<Record<WellSplit, number>>;
  bc?: 'OPEN' | 'PERIODIC';
  gamma?: number;
  /** Write only these scalar fields (momentum is always added unless `noMomentum`). */
  scalarFields?: string[];
  noMomentum?: boolean;
  seed?: number;
  /** Write `value` (default NaN) into one scalar field at point 0 of one frame (bad-input tests). */
  poison?: { split: WellSplit; trajectory: number; frame: number; field: string; value?: number };
}

/** Writes `<root>/<name>/data/{train,valid,test}/tiny.hdf5`; returns the dataset root. */
export async function writeTinyEulerDataset(root: string, name = 'euler_tiny', o: FixtureOptions = {}): Promise<string> {
  const n = o.resolution ?? 16;
  const T = o.frames ?? 4;
  const counts = { train: 4, valid: 2, test: 2, ...o.trajectories };
  const scalarFields = o.scalarFields ?? ['energy', 'density', 'pressure'];
  const coords = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
  const dataset = join(root, name);
  const rng = new Rng(o.seed ?? 0);
  for (const split of ['train', 'valid', 'test'] as const) {
    const w = await createWellFile(join(dataset, 'data', split, 'tiny.hdf5'), {
      datasetName: name,
      spatialDims: ['x', 'y'],
      coordinates: { x: coords, y: coords },
      time: Float64Array.from({ length: T }, (_, t) => 0.015 * t),
      boundaryConditions: { x: o.bc ?? 'OPEN', y: o.bc ?? 'OPEN' },
      parameters: { gamma: o.gamma ?? 1.4 },
      fields: [...scalarFields.map((f) => ({ name: f })), ...(o.noMomentum ? [] : [{ name: 'momentum', order: 1 as const }])],
    });
    for (let k = 0; k < counts[split]; k++) {
      const a = rng.uniform(0.5, 2);
      const kx = 1 + rng.int(3);
      const ky = 1 + rng.int(3);
      const ph = rng.uniform(0, 6.28);
      const wave = (t: number, i: number, j: number, c: number) =>
        Math.sin(2 * Math.PI * (kx * coords[i]! + c * 0.1) + ph + t * 0.3) * Math.cos(2 * Math.PI * ky * coords[j]! - t * 0.2);
      const fields: Record<string, Float64Array> = {};
      scalarFields.forEach((f, c) => {
        const arr = new Float64Array(T * n * n);
        for (let t = 0, q = 0; t < T; t++)
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++, q++) arr[q] = a * (1.5 + c * 0.3) + 0.5 * wave(t, i, j, c);
        fields[f] = arr;
      });
      if (!o.noMomentum) {
        const m = new Float64Array(T * n * n * 2);
        for (let t = 0, q = 0; t < T; t++)
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++, q += 2) {
              m[q] = 0.4 * wave(t, j, i, 2);
              m[q + 1] = -0.3 * wave(t, i, j, 3);
            }
        fields.momentum = m;
      }
      const bad = o.poison;
      if (bad && bad.split === split && bad.trajectory === k) fields[bad.field]![bad.frame * n * n] = bad.value ?? Number.NaN;
      await w.appendTrajectory(fields);
    }
    await w.close();
  }
  return dataset;
}

/** Writes a tiny latent cache into `dir` (`train.h5`, `valid.h5`, `cache.yaml`); returns `dir`. */
export async function writeTinyLatentCache(
  dir: string,
  o: { steps?: number; shape?: number[]; train?: number; valid?: number; seed?: number } = {},
): Promise<string> {
  const T = o.steps ?? 9;
  const shape = o.shape ?? [4, 4, 2];
  const [h, w, c] = shape as [number, number, number];
  const rng = new Rng(o.seed ?? 0);
  mkdirSync(dir, { recursive: true });
  for (const [split, n] of [
    ['train', o.train ?? 4],
    ['valid', o.valid ?? 2],
  ] as const) {
    const store = await createLatentStore(join(dir, `${split}.h5`), {
      aeRunId: 'fixture',
      compressionRate: 8,
      nSteps: T,
      latentShape: shape,
      labelDim: 5,
    });
    for (let k = 0; k < n; k++) {
      const gamma = 1.2 + 0.1 * rng.int(5);
      const phase = rng.uniform(0, 6.28);
      const states = new Float32Array(T * h * w * c);
      for (let t = 0, q = 0; t < T; t++)
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++)
            for (let ch = 0; ch < c; ch++, q++) {
              states[q] = Math.sin((2 * Math.PI * (i + j)) / h + phase - gamma * t * 0.4 + ch);
            }
      await store.append(states, [gamma, 2, 2, 2, 2]);
    }
    await store.close();
  }
  writeConfig(
    join(dir, 'cache.yaml'),
    {
      aeRunId: 'fixture',
      compressionRate: 8,
      latentShape: shape,
      channels: ['a', 'b'],
      labels: ['gamma', 'bc_x_lower', 'bc_x_upper', 'bc_y_lower', 'bc_y_upper'],
    },
    'fixture',
  );
  return dir;
}
