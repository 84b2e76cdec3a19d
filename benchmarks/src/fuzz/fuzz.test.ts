import { describe, expect, it } from 'vitest';
import { caseChanges, reasonOf } from './cases.js';
import { runFuzz, summarize } from './run.js';

describe('lola-bench fuzz-h5', () => {
  it('draws the same changes for a seed and index, inside the file', () => {
    const a = caseChanges(7, 3, 1000, 4);
    expect(caseChanges(7, 3, 1000, 4)).toEqual(a);
    expect(caseChanges(8, 3, 1000, 4)).not.toEqual(a);
    for (let i = 0; i < 50; i++) {
      const c = caseChanges(1, i, 1000, 4);
      expect(c.length).toBeGreaterThanOrEqual(1);
      expect(c.length).toBeLessThanOrEqual(4);
      for (const { at, to } of c) {
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThan(1000);
        expect(to).toBeLessThan(256);
      }
    }
  });

  it('records a case that never answers as a hang and goes on with a fresh worker', async () => {
    const base = new Uint8Array(16);
    const cases = [0, 1, 2].map((index) => ({ index, path: '/nonexistent', changes: [{ at: index, to: 9 }] }));
    const results = await runFuzz(base, cases, 1500, { workerEntry: new URL('./test-worker.ts', import.meta.url) });
    expect(results.map((r) => r.kind)).toEqual(['ok', 'hang', 'ok']);
    expect(results[1]!.mutations).toBe('1:0->9');
    const s = summarize(1, 3, 1, 1500, 16, results);
    expect(s.counts).toEqual({ ok: 2, 'well-format-error': 0, 'other-error': 0, hang: 1, diag: 0 });
    expect(s.failures.map((f) => f.index)).toEqual([1]);
  }, 60_000);

  it('counts WellFormatError reasons with numbers blanked', () => {
    expect(
      reasonOf('/f.hdf5: /: expected x, got damaged HDF5 metadata (global heap collection at byte 2048: object 0 at +168 has size 0)'),
    ).toBe('damaged HDF5 metadata (global heap collection at byte N: object N at +N has size N)');
  });
});
