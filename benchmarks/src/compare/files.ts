/** Reading record files and directories of them. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type BenchRecord, parseRecords } from './record.js';

export function readRecordFile(file: string): BenchRecord[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  return parseRecords(readFileSync(file, 'utf8'), file);
}

/** Every `*.jsonl` under `dir` (recursively), sorted by path. */
export function readRecordDir(dir: string): BenchRecord[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory of record files`);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.jsonl')) files.push(p);
    }
  };
  walk(dir);
  return files.sort().flatMap(readRecordFile);
}
