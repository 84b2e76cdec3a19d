/** Reading record files and directories of them (`lola-bench compare`, `export`, `dashboard`, `accuracy`). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readRecordFile } from './jsonl.js';
import type { ReadRecord } from './record.js';

/** The evaluator's sidecars (`results.curves.jsonl`, `results.spectra.jsonl`) hold no records. */
const SIDECAR = /\.(curves|spectra)\.jsonl$/;

/** Records from files and directories (every `*.jsonl` below a directory, sidecars skipped). */
export function readRecordPaths(paths: readonly string[]): ReadRecord[] {
  return paths.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? readRecordDir(p) : readRecordFile(p)));
}

/** Every `*.jsonl` under `dir` (recursively) except evaluator sidecars, sorted by path. */
export function readRecordDir(dir: string): ReadRecord[] {
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
