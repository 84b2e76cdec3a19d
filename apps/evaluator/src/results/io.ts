/** JSON-lines files: read with line-numbered errors; write atomically. */
import { ensureParentDir } from '@lola-ts/well-data';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const out: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push(JSON.parse(line) as T);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
      }
    });
  return out;
}

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  ensureParentDir(file);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function writeJsonl(file: string, rows: unknown[]): void {
  writeFileAtomic(file, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
}

/** The sidecar next to a results file: `results.jsonl` → `results.curves.jsonl`. */
export function sidecar(resultsFile: string, kind: 'curves' | 'spectra'): string {
  return resultsFile.replace(/(\.jsonl)?$/, `.${kind}.jsonl`);
}
