import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pattern, tempDir } from '../testing/helpers.js';
import { LatentDataset } from './dataset.js';
import { createLatentStore, openLatentStore } from './store.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const meta = { aeRunId: 'ae-f32c64-001', compressionRate: 48, nSteps: 9, latentShape: [2, 2, 3], labelDim: 5 };
const S = 9 * 12;

describe('latent store', () => {
  it('writes incrementally, renames on close, reads windows and labels back', async () => {
    const path = join(tmp.dir, 'cache', 'train.h5');
    const w = await createLatentStore(path, meta);
    for (let i = 0; i < 3; i++) await w.append(pattern(S, i), [1.4, 1, 1, 2, 2 + i]);
    expect(existsSync(path)).toBe(false);
    await w.close();
    const s = await openLatentStore(path);
    expect(s.meta).toEqual(meta);
    expect(s.nTrajectories).toBe(3);
    const win = s.readStates(1, { start: 2, count: 3, stride: 3 });
    expect(win.shape).toEqual([3, 2, 2, 3]);
    const all = pattern(S, 1);
    expect(Array.from(win.data)).toEqual([2, 5, 8].flatMap((t) => Array.from(all.subarray(t * 12, t * 12 + 12))));
    expect(Array.from(s.readLabel(2))).toEqual([1.4, 1, 1, 2, 4].map(Math.fround));
    s.close();
  });

  it('resumes an interrupted partial cache and rejects one from another run', async () => {
    const path = join(tmp.dir, 'resume.h5');
    const w = await createLatentStore(path, meta);
    await w.append(pattern(S, 0), [0, 0, 0, 0, 0]);
    await w.append(pattern(S, 1), [1, 1, 1, 1, 1]);
    // simulate a crash: the partial file is left behind, never closed by close()
    (w as unknown as { f: { close(): void } }).f.close();
    const r = await createLatentStore(path, meta, { resume: true });
    expect(r.nTrajectories).toBe(2);
    await r.append(pattern(S, 2), [2, 2, 2, 2, 2]);
    await r.close();
    const s = await openLatentStore(path);
    expect(s.nTrajectories).toBe(3);
    expect(Array.from(s.readStates(1).data)).toEqual(Array.from(pattern(S, 1)));
    s.close();
    const w2 = await createLatentStore(path, meta);
    (w2 as unknown as { f: { close(): void } }).f.close();
    await expect(createLatentStore(path, { ...meta, aeRunId: 'other' }, { resume: true })).rejects.toThrow(
      "a partial latent cache with run id 'other'",
    );
  });

  it('serves windows with the WellDataset window options', async () => {
    const path = join(tmp.dir, 'cache', 'train.h5');
    const ds = await LatentDataset.open([path], { nStepsInput: 3, nStepsOutput: 0, minDtStride: 2 });
    expect(ds.length).toBe(3 * (9 - 2 * 2));
    const item = await ds.get(1); // trajectory 0, start 1: states 1, 3, 5
    expect(item.states.shape).toEqual([3, 2, 2, 3]);
    expect(item.inputStates.shape).toEqual([3, 2, 2, 3]);
    expect(item.outputStates).toBeUndefined();
    const all = pattern(S, 0);
    expect(Array.from(item.states.data.subarray(12, 24))).toEqual(Array.from(all.subarray(3 * 12, 4 * 12)));
    expect(item.label.length).toBe(5);
    ds.close();
  });
});
