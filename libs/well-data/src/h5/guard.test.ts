import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { WellFormatError } from '../errors.js';
import { openWellFile } from '../io/well-file.js';
import { tempDir } from '../testing/helpers.js';
import { createWellFile } from '../writer/well-writer.js';
import { hdf5Reason } from './guard.js';

describe('damaged HDF5 metadata', () => {
  const { dir, cleanup } = tempDir('guard-');
  afterAll(cleanup);

  it('gives one WellFormatError naming the file and prints no HDF5-DIAG trace', async () => {
    const src = join(dir, 'ok.hdf5');
    const w = await createWellFile(src, {
      datasetName: 'g',
      spatialDims: ['x'],
      coordinates: { x: [0, 1, 2] },
      time: [0, 1],
      boundaryConditions: { x: 'PERIODIC' },
      fields: [{ name: 'density' }],
    });
    await w.appendTrajectory({ density: new Float32Array(6).fill(1) });
    await w.close();
    const bytes = readFileSync(src);
    // Clobber the root object header's messages (after its 'OHDR' signature): HDF5 fails to read it.
    const at = bytes.indexOf('OHDR', 8);
    expect(at).toBeGreaterThan(0);
    const bad = Buffer.from(bytes);
    for (let i = at + 24; i < at + 48; i++) bad[i] = 0xff;
    const path = join(dir, 'damaged.hdf5');
    writeFileSync(path, bad);
    const spy = vi.spyOn(process.stderr, 'write');
    let caught: unknown;
    try {
      await openWellFile(path);
    } catch (err) {
      caught = err;
    }
    expect(spy.mock.calls.map((c) => String(c[0])).join('')).not.toMatch(/HDF5-DIAG/);
    spy.mockRestore();
    expect(caught).toBeInstanceOf(WellFormatError);
    expect((caught as Error).message).toContain(path);
    expect((caught as Error).message).toMatch(/damaged HDF5 metadata|corrupt|expected/);
    // the module still works afterwards
    const f = await openWellFile(src);
    expect(f.readFields(0).shape).toEqual([2, 3, 1]);
    f.close();
  });

  it('hdf5Reason picks the innermost message of an HDF5 error stack', () => {
    const msg = [
      'HDF5-DIAG: Error detected in HDF5 (2.0.0):',
      '  #000: H5O.c line 100 in H5Oopen(): unable to open object',
      '    major: Object header',
      "    minor: Can't open object",
      '  #001: H5Ocache.c line 9 in H5O__cache_deserialize(): incorrect metadata checksum',
      '    major: Object header',
      '    minor: Read failed',
    ].join('\n');
    expect(hdf5Reason(msg)).toBe('incorrect metadata checksum: Read failed');
    expect(hdf5Reason('error - name not defined!')).toBe('error - name not defined!');
  });
});
