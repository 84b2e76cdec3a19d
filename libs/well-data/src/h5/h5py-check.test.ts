import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/helpers.js';
import { writeRawWellFile } from '../testing/raw.js';
import { createWellFile } from '../writer/well-writer.js';

// Our files as h5py sees them, with the rules of The Well's format checker
// (scripts/check_well_file.py). Runs where some python3 can import h5py (CI installs python3-h5py).
const script = fileURLToPath(new URL('../../scripts/check_well_file.py', import.meta.url));
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import h5py'], { stdio: 'ignore' }).status === 0);
const check = (...files: string[]) => spawnSync(python!, [script, ...files], { encoding: 'utf8' });

describe.skipIf(!python)('Well files through h5py (The Well checker rules)', () => {
  const { dir, cleanup } = tempDir('h5py-');
  afterAll(cleanup);

  it('accepts what our writer writes: enum flags are numpy booleans, shapes agree', async () => {
    const path = join(dir, 'ours.hdf5');
    const w = await createWellFile(path, {
      datasetName: 'h5py_check',
      spatialDims: ['x', 'y'],
      coordinates: { x: [0, 1, 2], y: [0, 1] },
      time: [0, 0.5, 1],
      boundaryConditions: { x: 'PERIODIC', y: ['WALL', 'OPEN'] },
      fields: [{ name: 'density' }, { name: 'velocity', order: 1 }, { name: 'obstacle', timeVarying: false }],
      parameters: { gamma: 1.4 },
      scalars: [{ name: 'forcing', timeVarying: true }],
    });
    for (let i = 0; i < 2; i++) {
      await w.appendTrajectory(
        { density: new Float32Array(18), velocity: new Float32Array(36), obstacle: new Float32Array(6) },
        { forcing: [1, 2, 3] },
      );
    }
    await w.close();
    const r = check(path);
    expect(r.stdout + r.stderr).toContain('ok: 1 file(s)');
    expect(r.status).toBe(0);
  });

  it('rejects int8 flags, as The Well checker does', async () => {
    const path = join(dir, 'int8.hdf5');
    await writeRawWellFile(path);
    const r = check(path);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("dimensions/x: attribute 'sample_varying' should be a boolean, got int8");
  });
});
