import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkOutputDir, checkOutputFile, emitRecords } from './output.js';

afterEach(() => vi.restoreAllMocks());

describe('output helpers', () => {
  it('an unwritable or wrong output path fails at once, naming it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-cli-'));
    checkOutputDir(path.join(dir, 'a/b'), 'rollouts');
    writeFileSync(path.join(dir, 'f'), '');
    expect(() => checkOutputFile(dir, 'report')).toThrow(`report ${dir} is a directory`);
    expect(() => checkOutputFile('/proc/x/r.html', 'report (--out)')).toThrow(/^report \(--out\) \/proc\/x\/r\.html: /);
  });

  it('records are appended to --out, else printed as JSON lines', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lola-cli-')), 'r.jsonl');
    const append = (f: string, rs: readonly object[]) => writeFileSync(f, rs.map((r) => JSON.stringify(r) + '\n').join(''));
    emitRecords([{ a: 1 }], null, append);
    expect(log.mock.calls).toEqual([['{"a":1}']]);
    emitRecords([{ a: 1 }, { a: 2 }], file, append, '[ae] ');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(err.mock.calls).toEqual([[`[ae] appended 2 records to ${file}`]]);
  });
});
