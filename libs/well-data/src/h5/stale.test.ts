import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mutateBytes, parseMutations, writeFuzzBaseFile } from '../fuzz/mutate.js';
import { readWholeWellFile } from '../fuzz/read-all.js';
import { tempDir } from '../testing/helpers.js';
import { h5wasmGeneration } from './load.js';

describe('a file that failed inside HDF5', () => {
  const { dir, cleanup } = tempDir('stale-');
  afterAll(cleanup);

  it('reads as what it holds now once overwritten in place (no stale HDF5 cache)', async () => {
    const base = await writeFuzzBaseFile(join(dir, 'base.hdf5'));
    // A damaged global heap object header (found by fuzzing): HDF5 fails inside a string read and
    // keeps the file open with the damaged collection cached.
    const damaged = mutateBytes(base, parseMutations('2089:0->18')).bytes;
    const path = join(dir, 'f.hdf5');
    writeFileSync(path, damaged);
    const first = await readWholeWellFile(path);
    expect(first.kind).toBe('well-format-error');
    const generation = h5wasmGeneration();
    writeFileSync(path, base); // same inode, repaired content
    expect((await readWholeWellFile(path)).kind).toBe('ok');
    expect(h5wasmGeneration()).toBe(generation + 1);
    writeFileSync(path, damaged);
    expect((await readWholeWellFile(path)).kind).toBe('well-format-error');
  });
});
