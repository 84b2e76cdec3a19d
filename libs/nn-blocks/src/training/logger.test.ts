import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlLogger, readLog } from './logger.js';
import { ProgressBar, formatDuration } from './progress.js';

const dir = mkdtempSync(join(tmpdir(), 'nn-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSONL logger', () => {
  it('appends records, writes non-finite numbers as null, and truncates on resume', () => {
    const path = join(dir, 'log.jsonl');
    const log = new JsonlLogger(path);
    for (let s = 1; s <= 5; s++) log.log({ kind: 'train', step: s, loss: s === 3 ? NaN : 1 / s, lr: 1e-3 });
    appendFileSync(path, '{"kind":"train","step":6,"lo'); // torn line from a kill -9
    const recs = readLog(path);
    expect(recs.map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
    expect(recs[2]!.loss).toBeNull();
    new JsonlLogger(path, 3);
    expect(readLog(path).map((r) => r.step)).toEqual([1, 2, 3]);
    new JsonlLogger(path);
    expect(readFileSync(path, 'utf8')).toBe('');
    writeFileSync(path, '{"step":1}\nnot json\n{"step":2}\n');
    expect(() => readLog(path)).toThrow(/log\.jsonl:2: corrupt log line/);
  });
});

describe('progress bar', () => {
  function sink(isTTY: boolean) {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, columns: 200, write: (c: string) => (chunks.push(c), true) } as any };
  }

  it('prints plain, throttled lines with ETA when not a TTY', () => {
    let t = 0;
    const { chunks, stream } = sink(false);
    const bar = new ProgressBar({ total: 100, label: 'ae', stream, now: () => t, plainIntervalSeconds: 10 });
    for (let i = 1; i <= 100; i++) {
      t = i * 0.5; // 2 it/s
      bar.update(i, { loss: 0.0412, lr: 1e-4 });
    }
    // first update, then every 10 s (20 steps), plus the final one
    expect(chunks.length).toBe(6);
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
    expect(chunks[0]).toBe('ae   1/100  1%  loss 0.0412  lr 1.0e-4  2.0 it/s  ETA 50s\n');
    expect(chunks[chunks.length - 1]).toMatch(/ae 100\/100 {2}100%.*ETA 0s\n$/);
  });

  it('redraws one line on a TTY, counts rate from the resume point', () => {
    let t = 0;
    const { chunks, stream } = sink(true);
    const bar = new ProgressBar({ total: 1000, start: 400, stream, now: () => t });
    t = 10;
    bar.update(500);
    expect(bar.eta()).toBeCloseTo(50, 6);
    bar.finish();
    expect(chunks[0]!.startsWith('\r\x1b[2K[██████████░░░░░░░░░░]  500/1000')).toBe(true);
    expect(chunks[chunks.length - 1]).toBe('\n');
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(NaN)).toBe('?');
  });
});
