import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWellFile } from '@lola-ts/well-data';
import { runInspect, type InspectSummary } from './inspect.js';

const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
const root = join(dir, 'tiny_euler');
const T = 3,
  N = 4;

async function writeFile(path: string, gamma: number, nTraj: number): Promise<void> {
  const w = await createWellFile(path, {
    datasetName: 'tiny_euler',
    spatialDims: ['x', 'y'],
    coordinates: { x: [0, 1, 2, 3], y: [0, 1, 2, 3] },
    time: [0, 0.5, 1],
    boundaryConditions: { x: 'PERIODIC', y: ['WALL', 'OPEN'] },
    parameters: { gamma },
    fields: [{ name: 'energy' }, { name: 'density' }, { name: 'momentum', order: 1 }, { name: 'mask', timeVarying: false }],
  });
  for (let i = 0; i < nTraj; i++) {
    const s = new Float32Array(T * N * N).fill(i + 1);
    await w.appendTrajectory({ energy: s, density: s, momentum: new Float32Array(T * N * N * 2), mask: new Float32Array(N * N) });
  }
  await w.close();
}

function capture(): { out: string[]; err: string[]; io: { out: (s: string) => void; err: (s: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s) => out.push(s), err: (s) => err.push(s) } };
}

beforeAll(async () => {
  await writeFile(join(root, 'data', 'train', 'tiny_euler_gamma_1.4.hdf5'), 1.4, 2);
  await writeFile(join(root, 'data', 'train', 'tiny_euler_gamma_1.3.hdf5'), 1.3, 1);
  await writeFile(join(root, 'data', 'valid', 'tiny_euler_gamma_1.4.hdf5'), 1.4, 1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lola-train data inspect', () => {
  it('--json on a file prints one object with the documented keys', async () => {
    const c = capture();
    expect(await runInspect([join(root, 'data', 'train', 'tiny_euler_gamma_1.4.hdf5'), '--json'], c.io)).toBe(0);
    expect(c.out).toHaveLength(1);
    const s = JSON.parse(c.out[0]!) as InspectSummary;
    expect(Object.keys(s)).toEqual([
      'datasetName',
      'spatialDims',
      'resolution',
      'nTrajectories',
      'nSteps',
      'fields',
      'channels',
      'scalars',
      'boundaryCodes',
    ]);
    expect(s).toEqual({
      datasetName: 'tiny_euler',
      spatialDims: ['x', 'y'],
      resolution: [4, 4],
      nTrajectories: 2,
      nSteps: 3,
      fields: [
        { name: 'energy', order: 0, shape: [2, 3, 4, 4] },
        { name: 'density', order: 0, shape: [2, 3, 4, 4] },
        { name: 'mask', order: 0, shape: [2, 4, 4] },
        { name: 'momentum', order: 1, shape: [2, 3, 4, 4, 2] },
      ],
      channels: ['energy', 'density', 'momentum_x', 'momentum_y'],
      scalars: { gamma: 1.4 },
      boundaryCodes: [
        [2, 2],
        [0, 1],
      ],
    });
  });

  it('summarises a dataset directory over all splits', async () => {
    const c = capture();
    expect(await runInspect([root, '--json'], c.io)).toBe(0);
    const s = JSON.parse(c.out[0]!) as InspectSummary;
    expect(s.nTrajectories).toBe(4);
    expect(s.scalars).toEqual({ gamma: [1.3, 1.4] });
    const t = capture();
    expect(await runInspect([root], t.io)).toBe(0);
    const text = t.out.join('\n');
    expect(text).toContain(`dataset: ${root} (3 files: train 2, valid 1)`);
    expect(text).toContain('momentum         t1  [1, 3, 4, 4, 2]  -> momentum_x, momentum_y');
    expect(text).toContain('constant fields:\n  mask');
    expect(text).toContain('gamma = [1.3, 1.4] (constant)');
    expect(text).toContain('y: lower WALL (0), upper OPEN (1)');
  });

  it('errors exit non-zero with the message', async () => {
    const bad = join(dir, 'bad.hdf5');
    writeFileSync(bad, 'not hdf5');
    const c = capture();
    expect(await runInspect([bad], c.io)).toBe(1);
    expect(c.err[0]).toContain(`lola-train data inspect: ${bad}: /: expected an HDF5 file`);
    const m = capture();
    expect(await runInspect([join(dir, 'missing')], m.io)).toBe(1);
    expect(m.err[0]).toContain('no such file or directory');
    const u = capture();
    expect(await runInspect([], u.io)).toBe(2);
    expect(u.err[0]).toContain('usage: lola-train data inspect PATH [--json]');
  });
});
