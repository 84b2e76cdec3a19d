/** Atomic append of JSON lines: read the existing file, write file + new lines to a temp file, rename. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Appends one JSON object per line to `path` atomically (temp file + rename). */
export function appendJsonLines(path: string, records: readonly unknown[]): void {
  mkdirSync(dirname(path), { recursive: true });
  let existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (existing.length > 0 && !existing.endsWith('\n')) existing += '\n';
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, existing + records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''));
  renameSync(tmp, path);
}
