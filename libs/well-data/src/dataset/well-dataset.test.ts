import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWellFile } from '../io/well-file.js';
import { computeDatasetStats } from '../stats/compute.js';
import { linspace, pattern, schema2d, tempDir } from '../testing/helpers.js';
import { fieldPostprocess } from '../transforms/field-transforms.js';
import { computePreprocessStats } from '../transforms/preprocess-stats.js';
import { ZScoreNormalization } from '../transforms/normalization.js';
import { createWellFile } from '../writer/well-writer.js';
import { WellDataset } from './well-dataset.js';

const tmp = tempDir();
const root = join(tmp.dir, 'roundtrip_2d');
const T = 6,
  NX = 4,
  NY = 4,
  P = NX * NY;
const trajCounts = [2, 1];

beforeAll(async () => {
  for (const split of ['train', 'valid']) {
    for (const [fi, n] of trajCounts.entries()) {
      const w = await createWellFile(join(root, 'data', split, `roundtrip_2d_${fi}.hdf5`), {
        ...schema2d(T, NX, NY),
        boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' },
      });
      for (let t = 0; t < n; t++) {
        const s = 100 * fi + 10 * t + (split === 'train' ? 0 : 5);
        await w.appendTrajectory(
          {
            energy: pattern(T * P, s).map((v) => v + 3),
            density: pattern(T * P, s + 1).map((v) => v + 3),
            momentum: pattern(T * P * 2, s + 2),
            stress: pattern(T * P * 4, s + 3),
            obstacle: pattern(P, s + 4),
          },
          { amplitude: s, forcing: linspace(0, s, T) },
        );
      }
      await w.close();
    }
  }
  await computeDatasetStats(root);
});
afterAll(() => tmp.cleanup());

describe('WellDataset', () => {
  it('returns The Well sample layout for windows of every file', async () => {
    const ds = await WellDataset.open({ path: root, split: 'train', nStepsInput: 2, nStepsOutput: 1, minDtStride: 2 });
    expect(ds.length).toBe(3 * (T - 2 * (2 + 1 - 1)));
    expect(ds.channels).toEqual(['energy', 'density', 'momentum_x', 'momentum_y', 'stress_xx', 'stress_xy', 'stress_yx', 'stress_yy']);
    expect(ds.constantChannels).toEqual(['obstacle']);
    expect(ds.scalarNames).toEqual(['forcing', 'clock']);
    expect(ds.constantScalarNames).toEqual(['gamma', 'Mach', 'amplitude']);
    const item = await ds.get(5); // file 0 holds items 0-3; item 5 = file 1, trajectory 0, start 1
    expect(item.source).toMatchObject({ fileIndex: 1, trajectory: 0, start: 1, stride: 2 });
    const f = await openWellFile(item.source.file);
    const want = f.readFields(0, { start: 1, count: 3, stride: 2 });
    const frame = P * 8;
    expect(item.inputFields.shape).toEqual([2, NX, NY, 8]);
    expect(item.outputFields!.shape).toEqual([1, NX, NY, 8]);
    expect(Array.from(item.inputFields.data)).toEqual(Array.from(want.data.subarray(0, 2 * frame)));
    expect(Array.from(item.outputFields!.data)).toEqual(Array.from(want.data.subarray(2 * frame)));
    expect(Array.from(item.constantFields!.data)).toEqual(Array.from(f.readConstantFields(0).data));
    expect(Array.from(item.constantScalars!)).toEqual([1.4, 0.25, 100]);
    expect(item.inputScalars!.shape).toEqual([2, 2]);
    expect(Array.from(item.inputScalars!.data)).toEqual([
      linspace(0, 100, T)[1],
      linspace(1, 2, T)[1],
      linspace(0, 100, T)[3],
      linspace(1, 2, T)[3],
    ]);
    expect(item.boundaryConditions).toEqual([
      [2, 2],
      [2, 2],
    ]);
    const time = f.readTime();
    expect(Array.from(item.inputTimeGrid!)).toEqual([0, time[3]! - time[1]!]);
    expect(Array.from(item.outputTimeGrid!)).toEqual([time[5]! - time[1]!]);
    expect(item.spaceGrid!.shape).toEqual([NX, NY, 2]);
    expect(Array.from(WellDataset.label(item))).toEqual(Array.from(Float32Array.from([1.4, 0.25, 100, 2, 2, 2, 2])));
    f.close();
    ds.close();
  });

  it('applies z-score normalisation from stats.yaml before augmentation', async () => {
    const plain = await WellDataset.open({ path: root, split: 'valid', nStepsInput: 1, nStepsOutput: 1 });
    const normed = await WellDataset.open({ path: root, split: 'valid', nStepsInput: 1, nStepsOutput: 1, normalization: 'zscore' });
    const a = await plain.get(4);
    const b = await normed.get(4);
    const z = normed.normalization as ZScoreNormalization;
    expect(Array.from(b.inputFields.data)).toEqual(Array.from(z.normalizeFlattened(a.inputFields.data, 'variable')));
    expect(Array.from(b.constantFields!.data)).toEqual(Array.from(z.normalizeFlattened(a.constantFields!.data, 'constant')));
    plain.close();
    normed.close();
  });

  it('augments with seeded draws and applies LoLa preprocessing last', async () => {
    const opts = {
      path: root,
      split: 'train' as const,
      nStepsInput: 3,
      nStepsOutput: 0,
      augment: ['random_axis_flip', 'random_axis_permute', 'random_axis_roll'] as const,
      seed: 11,
    };
    const ds = await WellDataset.open({ ...opts, augment: [...opts.augment] });
    const pre = { transform: { 0: 'log' as const }, mean: [1, 1, 0, 0, 0, 0, 0, 0], std: [2, 2, 1, 1, 1, 1, 1, 1] };
    const dsPre = await WellDataset.open({ ...opts, augment: [...opts.augment], preprocess: pre });
    const a1 = await ds.get(2, { epoch: 0 });
    const a2 = await ds.get(2, { epoch: 0 });
    expect(Array.from(a1.inputFields.data)).toEqual(Array.from(a2.inputFields.data));
    const outs = new Set<string>();
    for (let e = 0; e < 12; e++) outs.add(Array.from((await ds.get(2, { epoch: e })).inputFields.data.subarray(0, 8)).join());
    expect(outs.size).toBeGreaterThan(4); // different epochs draw different augmentations
    // the energy channel keeps its multiset of values under any flip/permute/roll
    const energy = (x: Float32Array) => Array.from(x.filter((_, i) => i % 8 === 0)).sort((p, q) => p - q);
    const plain = await WellDataset.open({ path: root, split: 'train', nStepsInput: 3, nStepsOutput: 0 });
    expect(energy((await ds.get(2, { epoch: 3 })).inputFields.data)).toEqual(energy((await plain.get(2)).inputFields.data));
    const b = await dsPre.get(2, { epoch: 3 });
    const back = fieldPostprocess(b.inputFields.data, 8, pre);
    const aug = (await ds.get(2, { epoch: 3 })).inputFields.data;
    for (let i = 0; i < back.length; i++) expect(Math.abs(back[i]! - aug[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(aug[i]!)));
    for (const d of [ds, dsPre, plain]) d.close();
  });

  it('computes LoLa standardisation stats after the transform over random snapshots', async () => {
    const ds = await WellDataset.open({ path: root, split: 'train', nStepsInput: 1, nStepsOutput: 0 });
    expect(ds.length).toBe(3 * T);
    const st = await computePreprocessStats(ds, { transform: { 0: 'arcsinh' }, samples: 10_000 });
    expect(st.samples).toBe(3 * T); // every snapshot
    // reference: all snapshots, energy channel through asinh
    let s = 0,
      s2 = 0,
      n = 0;
    for (let i = 0; i < ds.length; i++) {
      const x = (await ds.get(i)).inputFields.data;
      for (let k = 0; k < x.length; k += 8) {
        const v = Math.fround(Math.asinh(x[k]!));
        s += v;
        s2 += v * v;
        n++;
      }
    }
    expect(st.mean[0]).toBeCloseTo(s / n, 10);
    expect(st.std[0]).toBeCloseTo(Math.sqrt(s2 / n - (s / n) ** 2), 10);
    ds.close();
  });
});
