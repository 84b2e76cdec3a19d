/**
 * Output of the commands. Output paths are checked before the long work: the directory is created
 * (without Node's recursive mkdir, which spins forever under /proc; well-data's `ensureDir`) and a
 * probe file is written and removed, so an unwritable `--out` fails within a second with a message
 * naming it. Records go to stdout as JSON lines, or are appended to `--out`.
 */
import { ensureDir } from '@lola-ts/well-data';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Makes `dir` (and its parents) and proves it writable; throws a clear error otherwise. */
export function checkOutputDir(dir: string, what = 'output directory'): void {
  ensureDir(dir, what);
  const probe = path.join(dir, `.lola-write-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
  } catch (err) {
    throw new Error(`cannot write to ${what} ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  rmSync(probe, { force: true });
}

/** Checks that the output file `file` can be written (its directory exists or can be made, and takes files). */
export function checkOutputFile(file: string, what = 'output file'): void {
  try {
    if (statSync(file).isDirectory()) throw new Error(`${what} ${file} is a directory`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    checkOutputDir(path.dirname(path.resolve(file)));
  } catch (err) {
    throw new Error(`${what} ${file}: ${(err as Error).message}`);
  }
}

/**
 * With `out`, appends `records` to it with `append` (an atomic JSON-lines append) and says so on
 * stderr (`appended N records to FILE`, after `prefix`, e.g. `[ae] `); without, prints one JSON line
 * per record on stdout.
 */
export function emitRecords<R>(
  records: readonly R[],
  out: string | null | undefined,
  append: (file: string, records: readonly R[]) => void,
  prefix = '',
): void {
  if (out) {
    append(out, records);
    console.error(`${prefix}appended ${records.length} records to ${out}`);
  } else {
    for (const r of records) console.log(JSON.stringify(r));
  }
}
