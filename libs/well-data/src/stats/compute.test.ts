import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWellFiles } from '../dataset/directory.js';
import { linspace, pattern, tempDir } from '../testing/helpers.js';
import { createWellFile } from '../writer/well-writer.js';
import type { WellWriteSchema } from '../writer/spec.js';
import { computeDatasetStats } from './compute.js';
import { formatMetadataYaml, wellMetadata } from './metadata.js';
import { parseStatsYaml } from './yaml.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const T = 4,
  NX = 3,
  NY = 2,
  P = NX * NY;

const schema = (gamma: number): WellWriteSchema => ({
  datasetName: 'stats_check',
  spatialDims: ['x', 'y'],
  coordinates: { x: linspace(0, 1, NX), y: linspace(0, 1, NY) },
  time: linspace(0, 1, T),
  boundaryConditions: { x: 'PERIODIC', y: ['WALL', 'OPEN'] },
  parameters: { gamma },
  fields: [{ name: 'density' }, { name: 'velocity', order: 1 }, { name: 'obstacle', timeVarying: false }],
});

/** Population mean / std / rms over all values of each component, in float64. */
function reference(blocks: ArrayLike<number>[], K: number): { mean: number[]; std: number[]; rms: number[] } {
  const s = Array<number>(K).fill(0),
    s2 = Array<number>(K).fill(0);
  let n = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.length; i++) {
      s[i % K]! += b[i]!;
      s2[i % K]! += b[i]! * b[i]!;
    }
    n += b.length / K;
  }
  const mean = s.map((v) => v / n);
  const second = s2.map((v) => v / n);
  return { mean, std: second.map((v, k) => Math.sqrt(v - mean[k]! ** 2)), rms: second.map(Math.sqrt) };
}

// The Well casts to float64 before differencing
const deltas = (x: Float32Array, frame: number) => Float64Array.from({ length: x.length - frame }, (_, i) => x[i + frame]! - x[i]!);

describe('stats.yaml as compute_statistics.py', () => {
  it('combines population moments across train files and writes %.4E YAML', async () => {
    const root = join(tmp.dir, 'stats_check');
    const dens: Float32Array[] = [],
      vel: Float32Array[] = [],
      obs: Float32Array[] = [],
      dd: Float64Array[] = [],
      dv: Float64Array[] = [];
    // two files with 2 and 3 trajectories: unequal weights
    for (const [fi, nTraj] of [
      [0, 2],
      [1, 3],
    ] as const) {
      const w = await createWellFile(join(root, 'data', 'train', `stats_check_${fi}.hdf5`), schema(1 + fi), {});
      for (let t = 0; t < nTraj; t++) {
        const d = pattern(T * P, 10 * fi + t).map((v) => 2 + v * (1 + fi));
        const v = pattern(T * P * 2, 100 + 10 * fi + t);
        const o = pattern(P, 200 + t);
        dens.push(d);
        vel.push(v);
        obs.push(o);
        dd.push(deltas(d, P));
        dv.push(deltas(v, P * 2));
        await w.appendTrajectory({ density: d, velocity: v, obstacle: o });
      }
      await w.close();
    }
    const { path, stats } = await computeDatasetStats(root);
    const rd = reference(dens, 1),
      rv = reference(vel, 2),
      ro = reference(obs, 1),
      rdd = reference(dd, 1),
      rdv = reference(dv, 2);
    const close = (a: unknown, b: number[]) =>
      expect((Array.isArray(a) ? a : [a]).map((x, i) => Math.abs((x as number) - b[i]!))).toSatisfy((e: number[]) =>
        e.every((x) => x < 1e-12),
      );
    close(stats.mean!.density, rd.mean);
    close(stats.std!.density, rd.std);
    close(stats.rms!.density, rd.rms);
    close(stats.mean!.velocity, rv.mean);
    close(stats.std!.velocity, rv.std);
    close(stats.mean!.obstacle, ro.mean);
    close(stats.std_delta!.density, rdd.std);
    close(stats.mean_delta!.velocity, rdv.mean);
    close(stats.rms_delta!.velocity, rdv.rms);
    expect(stats.mean_delta!.obstacle).toBeUndefined(); // constant fields get no delta stats
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').filter((l) => !l.startsWith(' ') && !l.startsWith('-') && l)).toEqual([
      'mean:',
      'mean_delta:',
      'rms:',
      'rms_delta:',
      'std:',
      'std_delta:',
    ]);
    expect(text).toMatch(/^ {2}density: -?\d\.\d{4}E[+-]\d{2}$/m);
    const back = parseStatsYaml(text);
    expect(back.std!.density as number).toBeCloseTo(rd.std[0]!, 4 - Math.floor(Math.log10(rd.std[0]!)));

    const files = await openWellFiles([
      join(root, 'data', 'train', 'stats_check_0.hdf5'),
      join(root, 'data', 'train', 'stats_check_1.hdf5'),
    ]);
    const yaml = formatMetadataYaml(wellMetadata(files));
    for (const f of files) f.close();
    expect(yaml).toBe(
      [
        'dataset_name: stats_check',
        'n_spatial_dims: 2',
        'spatial_resolution:',
        '- 3',
        '- 2',
        'scalar_names: []',
        'constant_scalar_names:',
        '- gamma',
        'field_names:',
        '  0:',
        '  - density',
        '  1:',
        '  - velocity_x',
        '  - velocity_y',
        '  2: []',
        'constant_field_names:',
        '  0:',
        '  - obstacle',
        '  1: []',
        '  2: []',
        'boundary_condition_types:',
        '- OPEN',
        '- PERIODIC',
        '- WALL',
        'n_files: 2',
        'n_trajectories_per_file:',
        '- 2',
        '- 3',
        'n_steps_per_trajectory:',
        '- 4',
        '- 4',
        'grid_type: cartesian',
        '',
      ].join('\n'),
    );
  });
});
