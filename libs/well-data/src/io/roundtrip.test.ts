import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BoundaryCode } from '../schema/types.js';
import { linspace, pattern, schema2d, tempDir } from '../testing/helpers.js';
import { createWellFile } from '../writer/well-writer.js';
import { openWellFile } from './well-file.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Reference channels-last assembly of stored per-field arrays [T, P, K] -> [T, P, sum K]. */
function assemble(parts: { data: Float32Array; K: number }[], T: number, P: number): Float32Array {
  const C = parts.reduce((a, p) => a + p.K, 0);
  const out = new Float32Array(T * P * C);
  for (let t = 0; t < T; t++)
    for (let p = 0; p < P; p++) {
      let c = 0;
      for (const part of parts) for (let k = 0; k < part.K; k++) out[(t * P + p) * C + c++] = part.data[(t * P + p) * part.K + k]!;
    }
  return out;
}

describe('write -> read round trip', () => {
  it('2-D: t0/t1/t2 fields, constant field, sample-varying scalars, WALL/OPEN/PERIODIC', async () => {
    const T = 4,
      nx = 5,
      ny = 3,
      P = nx * ny,
      nTraj = 3;
    const path = join(tmp.dir, 'rt2d.hdf5');
    const schema = schema2d(T, nx, ny);
    const w = await createWellFile(path, schema);
    expect(existsSync(path + '.partial')).toBe(true);
    const trajs = Array.from({ length: nTraj }, (_, i) => ({
      energy: pattern(T * P, 10 * i + 1),
      density: pattern(T * P, 10 * i + 2),
      momentum: pattern(T * P * 2, 10 * i + 3),
      stress: pattern(T * P * 4, 10 * i + 4),
      obstacle: pattern(P, 10 * i + 5),
      amplitude: 0.1 * (i + 1),
      forcing: linspace(i, i + 1, T),
    }));
    for (const tr of trajs) {
      const { amplitude, forcing, ...fields } = tr;
      await w.appendTrajectory(fields, { amplitude, forcing });
    }
    expect(existsSync(path)).toBe(false); // not complete before close()
    await w.close();
    expect(existsSync(path)).toBe(true);
    expect(existsSync(path + '.partial')).toBe(false);

    const before = { hash: createHash('sha256').update(readFileSync(path)).digest('hex'), mtime: statSync(path).mtimeMs };
    const f = await openWellFile(path);
    const s = f.schema;
    expect(s.datasetName).toBe('roundtrip_2d');
    expect(s.gridType).toBe('cartesian');
    expect(s.nSpatialDims).toBe(2);
    expect(s.nTrajectories).toBe(nTraj);
    expect(s.nSteps).toBe(T);
    expect(s.resolution).toEqual([nx, ny]);
    expect(s.simulationParameters).toEqual(['gamma', 'Mach']);
    expect(s.parameterValues).toEqual({ gamma: 1.4, Mach: 0.25 });
    expect(s.fields.map((x) => [x.name, x.order, x.timeVarying])).toEqual([
      ['energy', 0, true],
      ['obstacle', 0, false],
      ['density', 0, true],
      ['momentum', 1, true],
      ['stress', 2, true],
    ]);
    expect(s.fields.flatMap((x) => (x.timeVarying ? x.channels : []))).toEqual([
      'energy',
      'density',
      'momentum_x',
      'momentum_y',
      'stress_xx',
      'stress_xy',
      'stress_yx',
      'stress_yy',
    ]);
    expect(s.boundaryCodes).toEqual([
      [BoundaryCode.PERIODIC, BoundaryCode.PERIODIC],
      [BoundaryCode.WALL, BoundaryCode.OPEN],
    ]);
    expect(s.boundaryGroups.map((g) => g.name)).toEqual(['x_periodic', 'y0_wall', 'yL_open']);
    expect(Array.from(f.readTime())).toEqual(Array.from(Float32Array.from(schema.time)));
    const coords = f.readCoordinates();
    expect(Array.from(coords[1]!)).toEqual(Array.from(Float32Array.from(schema.coordinates.y!)));

    for (let i = 0; i < nTraj; i++) {
      const tr = trajs[i]!;
      const got = f.readFields(i);
      expect(got.shape).toEqual([T, nx, ny, 8]);
      const want = assemble(
        [
          { data: tr.energy, K: 1 },
          { data: tr.density, K: 1 },
          { data: tr.momentum, K: 2 },
          { data: tr.stress, K: 4 },
        ],
        T,
        P,
      );
      expect(Array.from(got.data)).toEqual(Array.from(want));
      const c = f.readConstantFields(i);
      expect(c.shape).toEqual([nx, ny, 1]);
      expect(c.channels).toEqual(['obstacle']);
      expect(Array.from(c.data)).toEqual(Array.from(tr.obstacle));
      const sc = f.readScalars(i);
      expect(sc.constant).toEqual({ gamma: 1.4, Mach: 0.25, amplitude: tr.amplitude });
      expect(Array.from(sc.variable.forcing!)).toEqual(tr.forcing);
      expect(Array.from(sc.variable.clock!)).toEqual(linspace(1, 2, T));
      // a strided window
      const win = f.readFields(i, { start: 1, count: 2, stride: 2 });
      expect(win.shape).toEqual([2, nx, ny, 8]);
      const frame = P * 8;
      expect(Array.from(win.data.subarray(0, frame))).toEqual(Array.from(want.subarray(frame, 2 * frame)));
      expect(Array.from(win.data.subarray(frame))).toEqual(Array.from(want.subarray(3 * frame, 4 * frame)));
      const mom = f.readField('momentum', i, { start: 2, count: 1 });
      expect(mom.shape).toEqual([1, nx, ny, 2]);
      expect(Array.from(mom.data)).toEqual(Array.from(tr.momentum.subarray(2 * P * 2, 3 * P * 2)));
    }
    f.close();
    const after = { hash: createHash('sha256').update(readFileSync(path)).digest('hex'), mtime: statSync(path).mtimeMs };
    expect(after).toEqual(before);
  });

  it('3-D: vector field, open boundaries, space grid', async () => {
    const T = 3,
      n = [4, 3, 2],
      P = 24;
    const path = join(tmp.dir, 'rt3d.h5');
    const w = await createWellFile(path, {
      datasetName: 'roundtrip_3d',
      spatialDims: ['x', 'y', 'z'],
      coordinates: { x: linspace(0, 3, 4), y: linspace(0, 2, 3), z: [0, 1] },
      time: [0, 0.1, 0.2],
      boundaryConditions: { x: 'OPEN', y: 'OPEN', z: 'WALL' },
      parameters: { rho0: 4.45 },
      fields: [{ name: 'density' }, { name: 'velocity', order: 1 }],
    });
    const density = pattern(T * P, 7);
    const velocity = pattern(T * P * 3, 8);
    await w.appendTrajectory({ density, velocity: Float64Array.from(velocity) });
    await w.close();
    const f = await openWellFile(path);
    expect(f.schema.resolution).toEqual(n);
    expect(f.schema.boundaryCodes).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    const got = f.readFields(0);
    expect(got.channels).toEqual(['density', 'velocity_x', 'velocity_y', 'velocity_z']);
    expect(Array.from(got.data)).toEqual(
      Array.from(
        assemble(
          [
            { data: density, K: 1 },
            { data: velocity, K: 3 },
          ],
          T,
          P,
        ),
      ),
    );
    const grid = f.readSpaceGrid();
    expect(grid.shape).toEqual([4, 3, 2, 3]);
    // point (i, j, k) = (3, 1, 1) -> coords (3, 1, 1)
    const p = (3 * 3 + 1) * 2 + 1;
    expect(Array.from(grid.data.subarray(p * 3, p * 3 + 3))).toEqual([3, 1, 1]);
    f.close();
  });
});
