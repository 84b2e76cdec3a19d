import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from 'h5wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import { openWellFile } from '../io/well-file.js';
import { tempDir } from '../testing/helpers.js';
import { writeRawWellFile } from '../testing/raw.js';
import { createWellFile } from '../writer/well-writer.js';
import { PLACEHOLDER_MEMBER, sealBooleans } from './booleans.js';
import { loadH5wasm } from './load.js';

const { dir, cleanup } = tempDir('bools-');
afterAll(cleanup);

/** A tiny Well file from our writer: 2-D, one t0 field, a time-varying scalar, mixed boundaries. */
async function tinyWell(path: string): Promise<void> {
  const w = await createWellFile(path, {
    datasetName: 'bools',
    spatialDims: ['x', 'y'],
    coordinates: { x: [0, 1, 2], y: [0, 1] },
    time: [0, 0.5],
    boundaryConditions: { x: 'PERIODIC', y: ['WALL', 'OPEN'] },
    fields: [{ name: 'density' }],
    parameters: { gamma: 1.4 },
    scalars: [{ name: 'forcing', timeVarying: true }],
  });
  await w.appendTrajectory({ density: new Float32Array(12).fill(1) }, { forcing: [1, 2] });
  await w.close();
}

describe('boolean flags', () => {
  it('are written as h5py enum booleans {FALSE, TRUE} and read back as booleans through h5wasm', async () => {
    const path = join(dir, 'new.hdf5');
    await tinyWell(path);
    const h5 = await loadH5wasm();
    const f = new h5.File(path, 'r');
    try {
      const attr = (obj: string, name: string) => (f.get(obj) as Dataset).attrs[name]!;
      const enumOf = (obj: string, name: string) => attr(obj, name).metadata;
      for (const [obj, name, want] of [
        ['dimensions/time', 'sample_varying', false],
        ['dimensions/time', 'time_varying', true],
        ['dimensions/x', 'time_varying', false],
        ['t0_fields/density', 'sample_varying', true],
        ['scalars/forcing', 'time_varying', true],
        ['scalars/gamma', 'sample_varying', false],
        ['boundary_conditions/y0_wall', 'sample_varying', false],
      ] as const) {
        expect(enumOf(obj, name).type, `${obj}@${name}`).toBe(8); // H5T_ENUM;
        expect(enumOf(obj, name).enum_type?.members).toEqual({ FALSE: 0, TRUE: 1 });
        expect(attr(obj, name).json_value, `${obj}@${name}`).toBe(want);
      }
      expect(attr('t0_fields/density', 'dim_varying').json_value).toEqual([true, true]);
      const mask = f.get('boundary_conditions/y0_wall/mask') as Dataset;
      expect(mask.metadata.enum_type?.members).toEqual({ FALSE: 0, TRUE: 1 });
      expect(mask.json_value).toEqual([true, false]);
    } finally {
      f.close();
    }
    // and our reader still sees the same schema
    const w = await openWellFile(path);
    expect(w.schema.fields.map((x) => [x.name, x.timeVarying, x.dimVarying])).toEqual([['density', true, [true, true]]]);
    expect(w.readFields(0).shape).toEqual([2, 3, 2, 1]);
    w.close();
  });

  it('still reads int8 flags from older files', async () => {
    const path = join(dir, 'old.hdf5');
    await writeRawWellFile(path);
    const h5 = await loadH5wasm();
    const f = new h5.File(path, 'r');
    expect((f.get('t0_fields/u') as Dataset).attrs['sample_varying']!.metadata.type).toBe(0); // H5T_INTEGER
    f.close();
    const w = await openWellFile(path);
    expect(w.schema.fields.find((x) => x.name === 'u')?.dimVarying).toEqual([true, true]);
    expect(w.schema.nTrajectories).toBe(2);
    w.close();
  });

  it('refuses to rewrite a placeholder pattern outside the object headers, leaving the file as it was', async () => {
    const path = join(dir, 'raw-pattern.hdf5');
    const h5 = await loadH5wasm();
    const f = new h5.File(path, 'w');
    // raw data holding the placeholder's datatype bytes (compound v3, one int8 member)
    const pattern = Uint8Array.from([
      0x36,
      1,
      0,
      0,
      1,
      0,
      0,
      0,
      ...new TextEncoder().encode(PLACEHOLDER_MEMBER),
      0,
      0,
      0x10,
      0x08,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      8,
      0,
    ]);
    f.create_dataset({ name: 'raw', data: pattern, shape: [pattern.length], dtype: '<B' });
    f.close();
    const before = readFileSync(path);
    expect(() => sealBooleans(path)).toThrow(/boolean placeholder at byte \d+ is outside the object headers/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
