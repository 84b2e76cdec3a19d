/** Append-only JSON-lines files of records, written atomically (temp file + rename). */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ensureParentDir } from '@lola-ts/well-data';

/**
 * Appends one JSON line per record to `file` (created with its folder if missing; an unwritable
 * folder such as /proc/x fails at once, see well-data's `ensureDir`).
 */
export function appendRecords(file: string, records: readonly unknown[]): void {
  ensureParentDir(file, 'records directory');
  let existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (existing && !existing.endsWith('\n')) existing += '\n';
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, existing + records.map((r) => JSON.stringify(r) + '\n').join(''));
  renameSync(tmp, file);
}
