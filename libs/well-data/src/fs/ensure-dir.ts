import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Creates directory `dir` and its missing parents, failing at once with a clear message when it
 * cannot (`/proc/x`, a read-only or missing mount, a file in the way).
 *
 * Node's `mkdirSync(dir, { recursive: true })` spins forever at 100% CPU on some paths (under
 * `/proc` it retries `mkdir` on the parent, which exists, and the child, which fails with ENOENT, in
 * a loop), so every output directory of the libs and programs goes through this function instead.
 */
export function ensureDir(dir: string, what = 'output directory'): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let p = target;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR')
        throw fail(dir, what, p, err);
      missing.push(p);
      const up = dirname(p);
      if (up === p) throw new Error(`cannot create ${what} ${dir}: no existing parent directory`);
      p = up;
      continue;
    }
    if (!isDir) throw new Error(`cannot create ${what} ${dir}: ${p} exists and is not a directory`);
    if (missing.length === 0) return;
    try {
      accessSync(p, constants.W_OK | constants.X_OK);
    } catch (err) {
      throw fail(dir, what, p, err, 'is not writable');
    }
    break;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(m).isDirectory()) continue;
      throw fail(dir, what, m, err);
    }
  }
}

/** `ensureDir(dirname(file))`: makes the parent directory of an output file. */
export function ensureParentDir(file: string, what = 'output directory'): void {
  ensureDir(dirname(resolve(file)), what);
}

function fail(dir: string, what: string, at: string, err: unknown, verb?: string): Error {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return new Error(`cannot create ${what} ${dir}: ${at} ${verb ?? `cannot be created (${code})`}${verb ? ` (${code})` : ''}`);
}
