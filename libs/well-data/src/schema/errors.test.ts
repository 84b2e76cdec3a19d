import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWellFiles } from '../dataset/directory.js';
import { WellFormatError } from '../errors.js';
import { openWellFile } from '../io/well-file.js';
import { writeRawWellFile, type RawEdits } from '../testing/raw.js';
import { tempDir } from '../testing/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

async function bad(edits: RawEdits): Promise<string> {
  const path = join(tmp.dir, `bad${n++}.hdf5`);
  await writeRawWellFile(path, edits);
  return path;
}

async function expectError(path: string, ...parts: string[]): Promise<void> {
  const err = await openWellFile(path).then(
    (f) => {
      f.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WellFormatError);
  const msg = (err as Error).message;
  expect(msg.startsWith(path + ': ')).toBe(true);
  for (const p of parts) expect(msg).toContain(p);
}

describe('malformed Well files give errors naming file, object and expectation', () => {
  it('the base raw file is valid (enum-free int8 flags, bare-string associated_dims, no time_varying on time)', async () => {
    const f = await openWellFile(await bad({}));
    expect(f.schema.boundaryCodes).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(f.schema.fields.map((x) => x.channels)).toEqual([['u'], ['v_x', 'v_y']]);
    f.close();
  });

  it('missing root group', async () => {
    await expectError(await bad({ skip: ['/t2_fields'] }), '/t2_fields: expected a root group, got missing');
  });

  it('missing root attribute', async () => {
    await expectError(await bad({ skip: ['/@dataset_name'] }), "/@dataset_name: expected attribute 'dataset_name' (a string), got missing");
  });

  it('missing field flag', async () => {
    await expectError(
      await bad({ skip: ['/t0_fields/u@time_varying'] }),
      "/t0_fields/u@time_varying: expected attribute 'time_varying' (a boolean)",
    );
  });

  it('field shape inconsistent with its flags', async () => {
    const path = await bad({
      datasets: {
        '/t0_fields/u': {
          data: new Float32Array(2 * 3 * 4 * 4),
          shape: [2, 3, 4, 4],
          attrs: {
            sample_varying: { value: new Int8Array([1]), shape: [], dtype: '<b' },
            time_varying: { value: new Int8Array([1]), shape: [], dtype: '<b' },
            dim_varying: { value: new Int8Array([1, 1]), shape: [2], dtype: '<b' },
          },
        },
      },
    });
    await expectError(path, '/t0_fields/u: expected shape [2, 3, 4, 3] (n_traj, T, x, y', 'got shape [2, 3, 4, 4]');
  });

  it('dim_varying false but the axis is stored', async () => {
    // dim_varying of v = [true, false]: the expected shape drops y
    const p2 = await bad({
      datasets: {
        '/t1_fields/v': {
          data: new Float32Array(2 * 3 * 4 * 3 * 2),
          shape: [2, 3, 4, 3, 2],
          attrs: {
            sample_varying: { value: new Int8Array([1]), shape: [], dtype: '<b' },
            time_varying: { value: new Int8Array([1]), shape: [], dtype: '<b' },
            dim_varying: { value: new Int8Array([1, 0]), shape: [2], dtype: '<b' },
          },
        },
      },
    });
    await expectError(p2, '/t1_fields/v: expected shape [2, 3, 4, 2]', 'got shape [2, 3, 4, 3, 2]');
  });

  it('field_names lists a dataset that does not exist', async () => {
    await expectError(
      await bad({ attrs: { '/t0_fields@field_names': { value: ['u', 'w'] } } }),
      "/t0_fields/w: expected a dataset for field 'w' listed in /t0_fields@field_names, got missing",
    );
  });

  it('non-float32 field data', async () => {
    const f64 = { data: new Float64Array(2 * 3 * 4 * 3), shape: [2, 3, 4, 3], dtype: '<d' };
    await expectError(await bad({ datasets: { '/t0_fields/u': f64 } }), '/t0_fields/u: expected float32 data');
  });

  it('spatial_dims not matching n_spatial_dims', async () => {
    await expectError(
      await bad({ attrs: { '/@n_spatial_dims': { value: 3, shape: null, dtype: '<q' } } }),
      '/dimensions@spatial_dims: expected 3 names (n_spatial_dims)',
    );
  });

  it('unknown bc_type', async () => {
    await expectError(
      await bad({ attrs: { '/boundary_conditions/x_periodic@bc_type': { value: 'ROBIN' } } }),
      '/boundary_conditions/x_periodic@bc_type: expected one of WALL, OPEN, PERIODIC, got "ROBIN"',
    );
  });

  it('simulation parameter without its root attribute', async () => {
    await expectError(await bad({ skip: ['/@a'] }), "/@a: expected attribute 'a' (a number), got missing");
  });

  it('scalar listed but missing', async () => {
    await expectError(
      await bad({ skip: ['/scalars/a'] }),
      "/scalars/a: expected a dataset for scalar 'a' listed in /scalars@field_names, got missing",
    );
  });

  it('non-HDF5 file', async () => {
    const path = join(tmp.dir, 'text.hdf5');
    writeFileSync(path, 'this is not HDF5\n'.repeat(100));
    await expectError(path, '/: expected an HDF5 file', 'no HDF5 signature');
  });

  it('truncated file', async () => {
    const good = await bad({});
    const path = join(tmp.dir, 'truncated.hdf5');
    const bytes = readFileSync(good);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectError(path, `expected a complete HDF5 file of ${bytes.length} bytes`, 'the file is truncated');
  });

  it('missing file', async () => {
    await expectError(join(tmp.dir, 'nope.hdf5'), 'expected an existing HDF5 file, got no such file');
  });

  it('mismatched dataset_name across the files of a split', async () => {
    const a = await bad({});
    const b2 = await bad({ attrs: { '/@dataset_name': { value: 'other' } } });
    await expect(openWellFiles([a, b2])).rejects.toThrow(`${b2}: /@dataset_name: expected 'raw_dataset' as in ${a}, got 'other'`);
  });

  it('mismatched resolution across the files of a split', async () => {
    const a = await bad({});
    const c = join(tmp.dir, 'copy.hdf5');
    copyFileSync(a, c);
    const b2 = await bad({
      datasets: {
        '/dimensions/y': {
          data: new Float32Array(5),
          shape: [5],
          attrs: { sample_varying: { value: new Int8Array([0]), shape: [], dtype: '<b' } },
        },
      },
    });
    await expect(openWellFiles([a, c, b2])).rejects.toThrow(`${b2}: `);
    // the y coordinate length changes every field's expected shape: the per-file check fires first
    await expect(openWellFiles([a, b2])).rejects.toThrow('/t0_fields/u: expected shape [2, 3, 4, 5]');
  });
});
