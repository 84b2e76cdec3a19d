/**
 * JSON-lines record files (docs/architecture.md §5): read with errors that name the file and the
 * line, written atomically (temp file + rename), appended without losing earlier lines.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ensureParentDir } from '@lola-ts/well-data';
import type { ReadRecord } from './record.js';

/** Parses JSON lines; `file` names the source in `file:line: invalid JSON (...)` errors. Blank lines are skipped. */
export function parseJsonl<T>(text: string, file: string): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim()) out.push(parseLine<T>(line, file, i));
  });
  return out;
}

function parseLine<T>(line: string, file: string, i: number): T {
  try {
    return JSON.parse(line) as T;
  } catch (err) {
    throw new Error(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
  }
}

/** Reads a JSON-lines file (`file: no such file` when it is missing). */
export function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  return parseJsonl<T>(readFileSync(file, 'utf8'), file);
}

const REQUIRED = ['suite', 'name', 'kind', 'measures'] as const;

/** Parses a JSON-lines file of records, checking the minimum keys with line numbers in errors. */
export function parseRecords(text: string, file: string): ReadRecord[] {
  const out: ReadRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const r = parseLine<ReadRecord>(line, file, i);
    for (const k of REQUIRED) {
      if (r[k] === undefined) throw new Error(`${file}:${i + 1}: record has no '${k}' (expected suite, name, kind and measures)`);
    }
    out.push(r);
  });
  return out;
}

/** Reads one record file (`bench.jsonl`, `results.jsonl`, ...). */
export function readRecordFile(file: string): ReadRecord[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  return parseRecords(readFileSync(file, 'utf8'), file);
}

/** Writes `content` to `file` atomically (temp file + rename), creating the folder. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  ensureParentDir(file);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

/** Writes one JSON line per row, replacing `file` atomically. */
export function writeJsonl(file: string, rows: readonly unknown[]): void {
  writeFileAtomic(file, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
}

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

/** The sidecar next to a results file: `results.jsonl` → `results.curves.jsonl`. */
export function sidecar(resultsFile: string, kind: 'curves' | 'spectra'): string {
  return resultsFile.replace(/(\.jsonl)?$/, `.${kind}.jsonl`);
}
