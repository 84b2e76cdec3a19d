import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataArgs } from './command.js';
import { benchData, dataRecords, throughput } from './suite.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lola-bench data', () => {
  it('parses options and rejects bad ones', () => {
    expect(parseDataArgs(['--size', '64', '--window', '3'])).toMatchObject({ size: 64, window: 3, steps: 101, out: null });
    expect(() => parseDataArgs(['--size', 'x'])).toThrow("--size must be an integer >= 2, got 'x'");
    expect(() => parseDataArgs(['--steps', '4', '--window', '5'])).toThrow('--window 5 is longer than --steps 4');
  });

  it('measures window reads and streaming on a tiny file and cleans up', async () => {
    const r = await benchData({ size: 8, steps: 6, trajectories: 2, window: 3, iterations: 2, dir, keep: false, seed: 0 });
    expect(r.reads.map((t) => [t.name, t.bytes])).toEqual([
      ['read-window', 3 * 8 * 8 * 4 * 4],
      ['read-trajectory', 6 * 8 * 8 * 4 * 4],
    ]);
    for (const t of r.reads) expect(throughput(t)).toBeGreaterThan(0);
    expect(r.stream.items).toBe(2 * (6 - 2));
    expect(r.stream.fileBytes).toBe(2 * 6 * 8 * 8 * 4 * 4);
    const recs = dataRecords(r);
    expect(recs.map((x) => x.name)).toEqual(['read-window', 'read-trajectory', 'stream-peak-memory']);
    expect(recs[0]!.measures.throughput!.unit).toBe('MB/s');
    expect(readdirSync(dir)).toEqual([]);
  });
});
