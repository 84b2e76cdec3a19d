import { statSync } from 'node:fs';

/**
 * Files HDF5 may still hold open in the current h5wasm module. After an HDF5 error on a damaged
 * file, identifiers h5wasm opened before the error are never closed, so `H5Fclose` leaves the file
 * open; HDF5 recognises a later open of the same file (device and inode, whatever the path) and
 * hands back the stale metadata it cached, so a repaired or overwritten file would read as the
 * damaged one (or a damaged one as the good one). `openWellFile` asks `isStale` first and starts a
 * fresh module when it says so (`load.ts`). Measured with `lola-bench fuzz-h5`: overwriting one
 * path 5000 times gave 49 errors; distinct files 658 in 1000 (docs/bad-inputs.md).
 */
const stale = new Set<string>();

function identity(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** Records that `path` failed inside HDF5 while the current module had it open. */
export function markStale(path: string): void {
  const id = identity(path);
  if (id) stale.add(id);
}

/** True when the current module may hold stale state of the file at `path`. */
export function isStale(path: string): boolean {
  const id = identity(path);
  return id !== null && stale.has(id);
}

/** Forgets every mark (a fresh module holds nothing open). */
export function clearStale(): void {
  stale.clear();
}
