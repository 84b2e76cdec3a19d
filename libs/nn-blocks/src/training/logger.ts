/**
 * JSONL training log (`log.jsonl`, docs/architecture.md §3): one JSON object per line, appended as the
 * run goes (step, loss, lr, grad norm, time, …). Opening a log for a resumed run drops a torn last
 * line (kill -9 mid-write) and every record past the resumed step, so the log of a resumed run
 * reads like that of an uninterrupted one.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../checkpoint/atomic.js';
import { ensureParentDir } from '@lola-ts/well-data';

export interface LogRecord {
  /** 'train' (one optimizer step), 'valid' (one validation), or a stage-specific kind. */
  kind: string;
  /** Optimizer steps completed when the record was written. */
  step: number;
  [key: string]: unknown;
}

export class JsonlLogger {
  /**
   * @param path the log file
   * @param keepUpToStep on resume: keep only records with step ≤ this (omit for a fresh log,
   *   which truncates any existing file)
   */
  constructor(
    readonly path: string,
    keepUpToStep?: number,
  ) {
    ensureParentDir(path, 'log directory');
    if (keepUpToStep === undefined) {
      writeFileAtomic(path, '');
      return;
    }
    const kept = existsSync(path) ? readLog(path).filter((r) => r.step <= keepUpToStep) : [];
    writeFileAtomic(path, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  /** Appends one record (non-finite numbers are written as null). */
  log(record: LogRecord): void {
    appendFileSync(this.path, `${JSON.stringify(record, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`);
  }
}

/** Reads a JSONL log, ignoring a torn (unparsable) last line. Errors name the file and line. */
export function readLog(path: string): LogRecord[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: LogRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as LogRecord);
    } catch {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (!isLast) throw new Error(`${path}:${i + 1}: corrupt log line`);
    }
  });
  return out;
}
