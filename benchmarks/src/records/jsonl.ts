/** Append-only JSON-lines files of records, written atomically (temp file + rename). */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Appends one JSON line per record to `file` (created with its folder if missing). */
export function appendRecords(file: string, records: readonly unknown[]): void {
  mkdirSync(dirname(file), { recursive: true });
  let existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (existing && !existing.endsWith('\n')) existing += '\n';
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, existing + records.map((r) => JSON.stringify(r) + '\n').join(''));
  renameSync(tmp, file);
}
