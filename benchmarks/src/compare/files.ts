/** Reading record files and directories of them. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type BenchRecord, parseRecords } from './record.js';

export function readRecordFile(file: string): BenchRecord[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  return parseRecords(readFileSync(file, 'utf8'), file);
}

/** The evaluator's sidecars (`results.curves.jsonl`, `results.spectra.jsonl`) hold no records. */
const SIDECAR = /\.(curves|spectra)\.jsonl$/;

/** Records from files and directories (every `*.jsonl` below a directory, sidecars skipped). */
export function readRecordPaths(paths: string[]): BenchRecord[] {
  return paths.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? readRecordDir(p) : readRecordFile(p)));
}

/** Every `*.jsonl` under `dir` (recursively) except evaluator sidecars, sorted by path. */
export function readRecordDir(dir: string): BenchRecord[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory of record files`);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.jsonl') && !SIDECAR.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  return files.sort().flatMap(readRecordFile);
}
