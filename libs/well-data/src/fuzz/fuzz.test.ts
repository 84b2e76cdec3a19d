import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/helpers.js';
import { formatMutations, mutateBytes, writeFuzzBaseFile } from './mutate.js';
import { readWholeWellFile } from './read-all.js';

// Property (docs/bad-inputs.md, damaged HDF5 metadata): whatever bytes of a tiny Well file are
// changed, reading it either works or throws one WellFormatError naming the file; nothing else is
// thrown, the process survives and HDF5 prints no trace. Fixed seed: the same 100 files every run.
// The long run with a watchdog for hangs is `npm run lola-bench -- fuzz-h5`.
describe('byte-mutated Well files (fast-check)', () => {
  const { dir, cleanup } = tempDir('fuzz-');
  let base: Uint8Array;
  beforeAll(async () => {
    base = await writeFuzzBaseFile(join(dir, 'base.hdf5'));
  });
  afterAll(cleanup);

  it('read fine or give one WellFormatError naming the file', async () => {
    // Half the changes land in the first 4 KiB (superblock, root and group headers, global heap).
    const change = fc.record({ at: fc.oneof(fc.nat({ max: 4095 }), fc.nat({ max: base.length - 1 })), to: fc.nat({ max: 255 }) });
    const seen = { ok: 0, error: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 4 }), async (changes) => {
        const { bytes, applied } = mutateBytes(base, changes);
        const path = join(dir, `m${n++}.hdf5`);
        writeFileSync(path, bytes);
        const o = await readWholeWellFile(path);
        const what = formatMutations(applied);
        expect(o.stderr, what).not.toMatch(/HDF5-DIAG/);
        if (o.kind === 'other-error') throw new Error(`${what}: ${o.name}: ${o.message}`);
        if (o.kind === 'well-format-error') expect(o.message.startsWith(`${path}: `), `${what}: ${o.message}`).toBe(true);
        seen[o.kind === 'ok' ? 'ok' : 'error']++;
      }),
      { numRuns: 100, seed: 15 },
    );
    // the mutations both damage files and leave some readable
    expect(seen.error).toBeGreaterThan(0);
    expect(seen.ok).toBeGreaterThan(0);
  }, 60_000);
});
