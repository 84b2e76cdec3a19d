/**
 * Atomic file writes (brief: writes are atomic): the data go to a temporary file in the same
 * directory, are flushed to disk, then renamed over the target, so a reader (or a run resumed
 * after kill -9) sees either the old file or the complete new one, never a partial one.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { ensureParentDir } from '@lola-ts/well-data';

let counter = 0;

/** A temporary path beside `path` (same directory, so rename is atomic). */
export function tempPathFor(path: string): string {
  counter = (counter + 1) % 1e9;
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}-${counter}`);
}

/** Writes `data` to `path` atomically (creating parent directories). */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  ensureParentDir(path);
  const tmp = tempPathFor(path);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes JSON (2-space indented, trailing newline) atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
