import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWellStats } from '../stats/compute.js';
import { createLatentStore } from '../latent/store.js';
import { LatentDataset } from '../latent/dataset.js';
import { linspace, pattern, tempDir } from '../testing/helpers.js';
import { createWellFile } from '../writer/well-writer.js';
import { assertFiniteBlock, NonFiniteDataError } from './finite.js';
import { WellDataset } from './well-dataset.js';

const tmp = tempDir();
const T = 5,
  NX = 3,
  NY = 2,
  P = NX * NY;
const file = join(tmp.dir, 'bad', 'bad_0.hdf5');
const latent = join(tmp.dir, 'latent.h5');

beforeAll(async () => {
  const w = await createWellFile(file, {
    datasetName: 'bad',
    spatialDims: ['x', 'y'],
    coordinates: { x: linspace(0, 1, NX), y: linspace(0, 1, NY) },
    time: linspace(0, 1, T),
    boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' },
    fields: [{ name: 'density' }, { name: 'pressure' }],
  });
  for (let t = 0; t < 2; t++) {
    const pressure = pattern(T * P, 10 + t);
    if (t === 1) pressure[3 * P + 4] = Number.NaN; // trajectory 1, frame 3, point 4
    await w.appendTrajectory({ density: pattern(T * P, t).map((v) => v + 3), pressure });
  }
  await w.close();
  const s = await createLatentStore(latent, { latentShape: [2, 1, 1], labelDim: 1, nSteps: 4, aeRunId: 'r', compressionRate: 1 });
  await s.append(Float32Array.from([0, 1, 2, Number.POSITIVE_INFINITY, 4, 5, 6, 7]), [0]);
  await s.close();
});
afterAll(() => tmp.cleanup());

describe('non-finite data', () => {
  it('WellDataset.get names file, field, trajectory and frame of a NaN', async () => {
    const ds = await WellDataset.open({ files: [file], nStepsInput: 1, nStepsOutput: 0 });
    try {
      await expect(ds.get(0)).resolves.toBeDefined(); // trajectory 0 is clean
      await expect(ds.get(T + 2)).resolves.toBeDefined(); // trajectory 1, frame 2 is clean
      const err = await ds.get(T + 3).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NonFiniteDataError);
      expect(err).toMatchObject({ file, field: 'pressure', trajectory: 1, frame: 3, count: 1 });
      expect((err as Error).message).toContain(`${file}: non-finite value NaN in field 'pressure' of trajectory 1 at frame 3`);
    } finally {
      ds.close();
    }
  });

  it('reports the absolute frame of a strided window and can be turned off', async () => {
    const ds = await WellDataset.open({ files: [file], nStepsInput: 1, nStepsOutput: 1, minDtStride: 2 });
    try {
      // windows per trajectory: T - 2 = 3; trajectory 1 start 1 covers frames 1 and 3
      await expect(ds.get(3 + 1)).rejects.toMatchObject({ trajectory: 1, frame: 3 });
    } finally {
      ds.close();
    }
    const lax = await WellDataset.open({ files: [file], nStepsInput: 1, nStepsOutput: 0, allowNonFinite: true });
    try {
      const item = await lax.get(T + 3);
      expect(Number.isNaN(item.inputFields.data[4 * 2 + 1])).toBe(true);
    } finally {
      lax.close();
    }
  });

  it('computeWellStats names the NaN instead of reporting a NaN standard deviation', async () => {
    await expect(computeWellStats([file])).rejects.toThrow(
      `${file}: non-finite value NaN in field 'pressure' of trajectory 1 at frame 3 (1 non-finite value in the block read, computing stats.yaml)`,
    );
  });

  it('LatentDataset.get refuses an Inf state', async () => {
    const ds = await LatentDataset.open([latent], { nStepsInput: 1, nStepsOutput: 0 });
    try {
      await expect(ds.get(0)).resolves.toBeDefined();
      await expect(ds.get(1)).rejects.toThrow(/non-finite value Infinity in field 'state' of trajectory 0 at frame 1/);
    } finally {
      ds.close();
    }
  });

  it('assertFiniteBlock counts every bad value and handles constant blocks', () => {
    expect(() =>
      assertFiniteBlock(Float32Array.from([1, 2, 3, 4]), { file: 'f', trajectory: 0, channels: ['a', 'b'], frames: [0, 1] }),
    ).not.toThrow();
    expect(() =>
      assertFiniteBlock(Float32Array.from([1, -Infinity, NaN, 4]), { file: 'f', trajectory: 2, channels: ['a', 'b'], frames: null }),
    ).toThrow("f: non-finite value -Infinity in field 'b' of trajectory 2 (2 non-finite values in the block read)");
  });
});
