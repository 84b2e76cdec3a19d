import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as compare } from './compare.js';
import { run as dashboard } from './dashboard.js';
import { run as exportRecords } from './export.js';

afterEach(() => vi.restoreAllMocks());

describe('--help on the record commands', () => {
  it.each([
    ['compare', compare],
    ['export', exportRecords],
    ['dashboard', dashboard],
  ])('%s --help prints its usage and exits 0', async (name, run) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(['--help'])).toBe(0);
    expect(String(log.mock.calls[0]?.[0])).toMatch(new RegExp(`^usage: lola-bench ${name} `));
  });
});
