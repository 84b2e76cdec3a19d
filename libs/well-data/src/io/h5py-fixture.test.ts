import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BoundaryCode } from '../schema/types.js';
import { openWellFile } from './well-file.js';

// Written by test-fixtures/make_h5py_sample.py with h5py 3.7: enum booleans, int64 attributes,
// empty-list attributes, a bare-string associated_dims and no time_varying on time.
const FIXTURE = fileURLToPath(new URL('../../test-fixtures/h5py_sample.hdf5', import.meta.url));
const [NT, T, NX, NY] = [2, 5, 6, 4];
/** The generator's formula: q*10000 + traj*1000 + t*100 + i*10 + j + component/4. */
const value = (q: number, b: number, t: number, i: number, j: number, c: number) => q * 10000 + b * 1000 + t * 100 + i * 10 + j + c / 4;

describe('a file written by h5py', () => {
  it('is under 100 KB', () => {
    expect(statSync(FIXTURE).size).toBeLessThan(100 * 1024);
  });

  it('parses with h5py types (enum bools, int64, empty lists, bare strings)', async () => {
    const f = await openWellFile(FIXTURE);
    const s = f.schema;
    expect(s.datasetName).toBe('h5py_sample');
    expect(s.nSpatialDims).toBe(2);
    expect(s.nTrajectories).toBe(NT);
    expect(typeof s.nTrajectories).toBe('number');
    expect(s.simulationParameters).toEqual(['F', 'k']);
    expect(s.parameterValues).toEqual({ F: 0.03, k: 0.062 });
    expect(s.resolution).toEqual([NX, NY]);
    expect(s.nSteps).toBe(T);
    expect(s.timeSampleVarying).toBe(false);
    expect(s.boundaryGroups.map((g) => [g.name, g.bcType, g.associatedDims])).toEqual([
      ['x_periodic', 'PERIODIC', ['x']],
      ['y0_wall', 'WALL', ['y']],
      ['yL_open', 'OPEN', ['y']],
    ]);
    expect(s.boundaryCodes).toEqual([
      [BoundaryCode.PERIODIC, BoundaryCode.PERIODIC],
      [BoundaryCode.WALL, BoundaryCode.OPEN],
    ]);
    expect(s.fields.map((x) => [x.name, x.order, x.sampleVarying, x.timeVarying, x.dimVarying])).toEqual([
      ['B', 0, true, true, [true, true]],
      ['A', 0, true, true, [true, true]],
      ['bathymetry', 0, true, false, [true, false]],
      ['velocity', 1, true, true, [true, true]],
      ['D', 2, true, true, [true, true]],
    ]);
    expect(s.scalars.map((x) => [x.name, x.timeVarying, x.shape])).toEqual([
      ['F', false, []],
      ['k', false, []],
      ['forcing', true, [T]],
    ]);
    f.close();
  });

  it('reads fields in field_names order, flattened, with the constant field tiled', async () => {
    const before = createHash('sha256').update(readFileSync(FIXTURE)).digest('hex');
    const f = await openWellFile(FIXTURE);
    const win = f.readFields(1, { start: 1, count: 2, stride: 3 }); // steps 1 and 4
    expect(win.channels).toEqual(['B', 'A', 'velocity_x', 'velocity_y', 'D_xx', 'D_xy', 'D_yx', 'D_yy']);
    expect(win.shape).toEqual([2, NX, NY, 8]);
    const fields: [number, number][] = [
      [1, 1],
      [2, 1],
      [4, 2],
      [5, 4],
    ]; // (q, components)
    let bad = 0;
    [1, 4].forEach((t, k) => {
      for (let i = 0; i < NX; i++)
        for (let j = 0; j < NY; j++) {
          let c0 = 0;
          for (const [q, K] of fields)
            for (let c = 0; c < K; c++, c0++) {
              if (win.data[((k * NX + i) * NY + j) * 8 + c0] !== value(q, 1, t, i, j, c)) bad++;
            }
        }
    });
    expect(bad).toBe(0);
    const cst = f.readConstantFields(0);
    expect(cst.channels).toEqual(['bathymetry']);
    expect(cst.shape).toEqual([NX, NY, 1]);
    for (let i = 0; i < NX; i++) for (let j = 0; j < NY; j++) expect(cst.data[i * NY + j]).toBe(value(3, 0, 0, i, 0, 0));
    const sc = f.readScalars(0, { start: 2, count: 3 });
    expect(sc.constant).toEqual({ F: 0.03, k: 0.062 });
    expect(Array.from(sc.variable.forcing!)).toEqual([2 / 8, 3 / 8, 4 / 8]);
    expect(Array.from(f.readTime())).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const y = f.readCoordinates()[1]!;
    expect(Array.from(y)).toEqual(Array.from(Float32Array.from([0, 1, 2, 3], (n) => Math.cos((Math.PI * n) / 3)))); // Chebyshev nodes
    f.close();
    expect(createHash('sha256').update(readFileSync(FIXTURE)).digest('hex')).toBe(before);
  });
});
