import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDir, ensureParentDir } from './ensure-dir.js';

describe('ensureDir', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'ensure-dir-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates nested directories and accepts existing ones', () => {
    const d = join(tmp(), 'a', 'b', 'c');
    ensureDir(d);
    expect(statSync(d).isDirectory()).toBe(true);
    ensureDir(d);
    ensureParentDir(join(d, 'x', 'file.txt'));
    expect(statSync(join(d, 'x')).isDirectory()).toBe(true);
  });

  it('fails at once under /proc (where mkdirSync recursive spins forever)', () => {
    expect(() => ensureDir('/proc/x/y')).toThrow(/cannot create output directory \/proc\/x\/y: \/proc\/x cannot be created \(ENOENT\)/);
  });

  it('fails when a file is in the way', () => {
    const f = join(tmp(), 'file');
    writeFileSync(f, 'x');
    expect(() => ensureDir(join(f, 'sub'), 'run directory')).toThrow(
      /cannot create run directory .*file\/sub: .*file exists and is not a directory/,
    );
  });

  it('fails on a read-only file system (sysfs)', () => {
    expect(() => ensureDir('/sys/lola-x')).toThrow(/cannot create output directory/);
  });
});
