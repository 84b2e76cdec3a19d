import { Rng } from '@lola-ts/numerics';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWellFile } from '@lola-ts/well-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyEulerDataset } from '../testing/fixtures.js';
import { openSnapshots, readBatch, snapshotStats, transformByIndex } from './snapshots.js';

let root: string;
let dataset: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lola-aedata-'));
  dataset = await writeTinyEulerDataset(root, 'euler_tiny', { resolution: 8, frames: 3, trajectories: { train: 2, valid: 1, test: 1 } });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('AE snapshot data', () => {
  it('computes LoLa statistics after the transform over every snapshot (float64, population)', async () => {
    const ds = await openSnapshots(dataset, 'train');
    expect(ds.length).toBe(6); // 2 trajectories × 3 frames
    const transform = transformByIndex(ds.channels, { energy: 'log1p', pressure: 'log1p' }, 'cfg');
    expect(transform).toEqual({ 0: 'log1p', 2: 'log1p' });
    const { mean, std } = await snapshotStats(ds, transform, 6, 0);
    ds.close();
    const f = await openWellFile(join(dataset, 'data/train/tiny.hdf5'));
    const sums = new Float64Array(5),
      sq = new Float64Array(5);
    let n = 0;
    for (let t = 0; t < 2; t++) {
      const d = f.readFields(t).data;
      for (let i = 0; i < d.length; i++) {
        const c = i % 5;
        const v = c === 0 || c === 2 ? Math.log1p(d[i]!) : d[i]!;
        sums[c] += v;
        sq[c] += v * v;
      }
      n += d.length / 5;
    }
    f.close();
    for (let c = 0; c < 5; c++) {
      const m = sums[c]! / n;
      expect(mean[c]).toBeCloseTo(m, 6); // transformed values are float32
      expect(std[c]).toBeCloseTo(Math.sqrt(sq[c]! / n - m * m), 6);
    }
  });

  it('reads seeded, reproducible augmented batches', async () => {
    const ds = await openSnapshots(dataset, 'train', { augment: ['random_axis_flip', 'random_axis_permute'], seed: 0 });
    const a = await readBatch(ds, [0, 5, 3], new Rng('s'));
    const b = await readBatch(ds, [0, 5, 3], new Rng('s'));
    const c = await readBatch(ds, [0, 5, 3], new Rng('t'));
    ds.close();
    expect(a.shape).toEqual([3, 8, 8, 5]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it('NaN in a field is reported as non-finite data with its place, not as a constant channel', async () => {
    const bad = await writeTinyEulerDataset(root, 'euler_nan', {
      resolution: 4,
      frames: 3,
      trajectories: { train: 2, valid: 1, test: 1 },
      poison: { split: 'train', trajectory: 1, frame: 2, field: 'density' },
    });
    const ds = await openSnapshots(bad, 'train');
    const file = join(bad, 'data/train/tiny.hdf5');
    try {
      await expect(snapshotStats(ds, {}, 6, 0)).rejects.toThrow(
        `${file}: non-finite value NaN in field 'density' of trajectory 1 at frame 2`,
      );
      await expect(snapshotStats(ds, {}, 6, 0)).rejects.not.toThrow(/constant/);
    } finally {
      ds.close();
    }
  });

  it('a transform that makes a value non-finite is named with the transform', async () => {
    const zero = await writeTinyEulerDataset(root, 'euler_zero', {
      resolution: 4,
      frames: 2,
      trajectories: { train: 1, valid: 1, test: 1 },
      poison: { split: 'train', trajectory: 0, frame: 1, field: 'pressure', value: -1 },
    });
    const ds = await openSnapshots(zero, 'train');
    try {
      await expect(snapshotStats(ds, transformByIndex(ds.channels, { pressure: 'log1p' }, 'cfg'), 2, 0)).rejects.toThrow(
        /non-finite value -Infinity in field 'pressure' after transform 'log1p' of trajectory 0 at frame 1 .*computing the per-channel statistics/,
      );
    } finally {
      ds.close();
    }
  });

  it('names the key of an unknown channel', () => {
    expect(() => transformByIndex(['energy'], { Energy: 'log' }, 'x.yaml')).toThrow(
      "x.yaml: data.transform.Energy: no channel 'Energy' (channels: energy)",
    );
  });
});
