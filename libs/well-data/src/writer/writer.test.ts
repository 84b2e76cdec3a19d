import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWellFile } from '../io/well-file.js';
import { linspace, pattern, schema2d, tempDir } from '../testing/helpers.js';
import { createWellFile } from './well-writer.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const T = 3,
  NX = 2,
  NY = 2,
  P = 4;
const traj = (s: number) => ({
  energy: pattern(T * P, s),
  density: pattern(T * P, s + 1),
  momentum: pattern(T * P * 2, s + 2),
  stress: pattern(T * P * 4, s + 3),
  obstacle: pattern(P, s + 4),
});
const sc = (s: number) => ({ amplitude: s, forcing: linspace(0, s, T) });

describe('Well writer', () => {
  it('validates appended data against the schema', async () => {
    const w = await createWellFile(join(tmp.dir, 'v.hdf5'), schema2d(T, NX, NY));
    await expect(w.appendTrajectory({ ...traj(1), density: new Float32Array(5) }, sc(1))).rejects.toThrow(
      'appendTrajectory.fields.density: expected 12 values [T, x, y] = [3, 2, 2], got 5 values',
    );
    await expect(w.appendTrajectory({ ...traj(1), pressure: new Float32Array(12) }, sc(1))).rejects.toThrow(
      "appendTrajectory.fields.pressure: expected one of the schema's fields",
    );
    await expect(w.appendTrajectory(traj(1), { amplitude: 1 })).rejects.toThrow(
      'appendTrajectory.scalars.forcing: expected 3 values (one per step), got missing',
    );
    await w.abort();
    expect(existsSync(join(tmp.dir, 'v.hdf5.partial'))).toBe(false);
    await expect(createWellFile(join(tmp.dir, 'x.hdf5'), { ...schema2d(), boundaryConditions: { z: 'OPEN' } })).rejects.toThrow(
      'schema.boundaryConditions.z: expected a dim from spatialDims',
    );
  });

  it('resumes a partial file after an interruption and keeps it a valid Well file meanwhile', async () => {
    const path = join(tmp.dir, 'r.hdf5');
    const w = await createWellFile(path, schema2d(T, NX, NY));
    await w.appendTrajectory(traj(1), sc(1));
    await w.appendTrajectory(traj(2), sc(2));
    // the partial file is a complete Well file of 2 trajectories
    const mid = await openWellFile(path + '.partial');
    expect(mid.schema.nTrajectories).toBe(2);
    mid.close();
    (w as unknown as { f: { close(): void } }).f.close(); // "crash"
    const r = await createWellFile(path, schema2d(T, NX, NY), { resume: true });
    expect(r.nTrajectories).toBe(2);
    await r.appendTrajectory(traj(3), sc(3));
    await r.close();
    const f = await openWellFile(path);
    expect(f.schema.nTrajectories).toBe(3);
    expect(Array.from(f.readField('density', 2).data)).toEqual(Array.from(traj(3).density));
    expect(f.readScalars(1).constant.amplitude).toBe(2);
    f.close();
    const other = await createWellFile(path, schema2d(T, NX, NY));
    (other as unknown as { f: { close(): void } }).f.close();
    await expect(createWellFile(path, { ...schema2d(T, NX, NY), datasetName: 'renamed' }, { resume: true })).rejects.toThrow(
      "written with the same schema (delete it to start over), got dataset_name 'roundtrip_2d'",
    );
  });
});
