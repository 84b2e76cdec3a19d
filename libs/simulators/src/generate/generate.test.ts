import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWellFile, parseStatsYaml } from '@lola-ts/well-data';
import { afterAll, describe, expect, it } from 'vitest';
import { createSystem } from '../registry.js';
import { generateDataset, splitCounts } from './generate.js';
import { computeTrajectory } from './trajectory.js';

const root = mkdtempSync(join(tmpdir(), 'lola-sim-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const systemOptions = { resolution: 8, frames: 3, bc: 'periodic', params: { gamma: '1.4,1.76' } };

async function readAll(path: string) {
  const f = await openWellFile(path);
  try {
    const out: Float32Array[] = [];
    for (let t = 0; t < f.schema.nTrajectories; t++) out.push(f.readFields(t).data);
    return { schema: f.schema, data: out, time: f.readTime() };
  } finally {
    f.close();
  }
}

describe('generateDataset', () => {
  it('splits 0.8/0.1/0.1 with round(0.1 n) for valid and test', () => {
    expect(splitCounts(10)).toEqual({ train: 8, valid: 1, test: 1 });
    expect(splitCounts(500)).toEqual({ train: 400, valid: 50, test: 50 });
    expect(splitCounts(5)).toEqual({ train: 3, valid: 1, test: 1 });
    expect(splitCounts(1)).toEqual({ train: 1, valid: 0, test: 0 });
  });

  it('writes the Well layout, one file per parameter set and split, with the simulated frames', async () => {
    const out = join(root, 'inproc');
    const progress: number[] = [];
    const summary = await generateDataset({
      system: 'euler',
      out,
      systemOptions,
      trajectories: 5,
      seed: 7,
      workers: 0,
      onProgress: (p) => progress.push(p.fraction),
    });
    const dir = join(out, 'euler_multi_quadrants_periodicBC');
    expect(summary.datasetDir).toBe(dir);
    expect(summary.written).toBe(10);
    expect(readdirSync(join(dir, 'data', 'train')).sort()).toEqual([
      'euler_multi_quadrants_periodicBC_gamma_1.4_Dry_air_20.hdf5',
      'euler_multi_quadrants_periodicBC_gamma_1.76_Ar_-180.hdf5',
    ]);
    expect(readdirSync(join(dir, 'data', 'valid'))).toHaveLength(2);
    expect(progress.at(-1)).toBe(1);
    const train = await readAll(join(dir, 'data/train/euler_multi_quadrants_periodicBC_gamma_1.76_Ar_-180.hdf5'));
    expect(train.schema.datasetName).toBe('euler_multi_quadrants_periodicBC');
    expect(train.schema.nTrajectories).toBe(3);
    expect(train.schema.resolution).toEqual([8, 8]);
    expect(train.schema.parameterValues).toEqual({ gamma: 1.76 });
    expect(train.schema.boundaryCodes).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(train.schema.fields.map((f) => f.name)).toEqual(['energy', 'density', 'pressure', 'momentum']);
    expect(Array.from(train.time)).toEqual([0, Math.fround(0.015), Math.fround(0.03)]);
    // Trajectory 1 of the train file is global index 1 of parameter set 1; recompute it directly.
    const system = createSystem('euler', systemOptions);
    const direct = computeTrajectory(system, 7, { setIndex: 1, index: 1 }).trajectory.fields;
    const channels = train.data[1]!;
    const cells = 64 * 3;
    for (let k = 0; k < cells; k++) {
      expect(channels[5 * k]).toBe(direct[0]![k]); // energy
      expect(channels[5 * k + 1]).toBe(direct[1]![k]); // density
      expect(channels[5 * k + 4]).toBe(direct[3]![2 * k + 1]); // momentum_y
    }
    // stats.yaml: The Well's statistics of the train split (both files: 2 x 3 trajectories).
    const stats = parseStatsYaml(readFileSync(join(dir, 'stats.yaml'), 'utf8'));
    const other = await readAll(join(dir, 'data/train/euler_multi_quadrants_periodicBC_gamma_1.4_Dry_air_20.hdf5'));
    let sum = 0;
    let count = 0;
    for (const traj of [...train.data, ...other.data]) {
      for (let k = 1; k < traj.length; k += 5) {
        sum += traj[k]!;
        count++;
      }
    }
    expect(Math.abs((stats.mean!.density as number) / (sum / count) - 1)).toBeLessThan(1e-3); // 4 significant digits
    expect((stats.std!.momentum as number[]).length).toBe(2);
    // Periodic boundaries: mass is conserved, so the mean density increment is ~0.
    expect(Math.abs(stats.mean_delta!.density as number)).toBeLessThan(1e-6);
    const meta = readFileSync(join(dir, 'euler_multi_quadrants_periodicBC.yaml'), 'utf8');
    expect(meta).toMatch(/dataset_name: euler_multi_quadrants_periodicBC/);
    expect(meta).toMatch(/momentum_x/);
    const sidecar = JSON.parse(readFileSync(join(dir, 'generate.json'), 'utf8'));
    expect(sidecar.state).toBe('complete');
    // Valid holds global index 3: it must differ from train's trajectories.
    const valid = await readAll(join(dir, 'data/valid/euler_multi_quadrants_periodicBC_gamma_1.76_Ar_-180.hdf5'));
    expect(valid.data[0]).not.toEqual(train.data[0]);
    // Rerun: nothing to do; different options: refused.
    const again = await generateDataset({ system: 'euler', out, systemOptions, trajectories: 5, seed: 7, workers: 0 });
    expect(again.written).toBe(0);
    expect(again.resumed).toBe(10);
    await expect(generateDataset({ system: 'euler', out, systemOptions, trajectories: 5, seed: 8, workers: 0 })).rejects.toThrow(
      /different options/,
    );
  });

  it('worker threads give the same files as the in-process run', async () => {
    const out = join(root, 'workers');
    await generateDataset({ system: 'euler', out, systemOptions, trajectories: 5, seed: 7, workers: 2 });
    for (const split of ['train', 'valid', 'test']) {
      const name = `data/${split}/euler_multi_quadrants_periodicBC_gamma_1.4_Dry_air_20.hdf5`;
      const a = await readAll(join(root, 'inproc/euler_multi_quadrants_periodicBC', name));
      const b = await readAll(join(out, 'euler_multi_quadrants_periodicBC', name));
      expect(b.data).toEqual(a.data);
    }
    expect(
      existsSync(
        join(out, 'euler_multi_quadrants_periodicBC/data/train/euler_multi_quadrants_periodicBC_gamma_1.4_Dry_air_20.hdf5.partial'),
      ),
    ).toBe(false);
  });

  it('writes the metadata from the train split when valid is empty (1 trajectory per file)', async () => {
    const out = join(root, 'single');
    await generateDataset({
      system: 'euler',
      out,
      systemOptions: { resolution: 6, frames: 2, params: { gamma: '1.3' } },
      trajectories: 1,
      seed: 1,
      workers: 0,
    });
    const dir = join(out, 'euler_multi_quadrants_openBC');
    expect(readdirSync(join(dir, 'data', 'valid'))).toEqual([]);
    expect(readFileSync(join(dir, 'euler_multi_quadrants_openBC.yaml'), 'utf8')).toMatch(/n_trajectories_per_file:\s*\n\s*- 1/);
    expect(existsSync(join(dir, 'stats.yaml'))).toBe(true);
  });

  it('rejects bad options with clear messages', async () => {
    await expect(generateDataset({ system: 'nope', out: root, trajectories: 1, seed: 1, workers: 0 })).rejects.toThrow(
      /unknown system 'nope'; available: euler/,
    );
    await expect(generateDataset({ system: 'euler', out: root, trajectories: 0, seed: 1, workers: 0 })).rejects.toThrow(/trajectories/);
    await expect(
      generateDataset({ system: 'euler', out: root, systemOptions: { params: { foo: '1' } }, trajectories: 1, seed: 1, workers: 0 }),
    ).rejects.toThrow(/unknown --param 'foo'/);
    await expect(
      generateDataset({ system: 'euler', out: root, systemOptions: { bc: 'wall' }, trajectories: 1, seed: 1, workers: 0 }),
    ).rejects.toThrow(/--bc/);
  });
});
