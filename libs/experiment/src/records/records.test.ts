import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord, timeMeasure } from '../index.js';

const identity = { commit: 'abc', dirty: false, date: '2026-01-01T00:00:00.000Z', versions: { x: '1.0.0' } };
const environment = captureEnvironment({ backend: 'wasm', threads: 2, simd: true });

describe('benchmark records', () => {
  it('captures the environment and identity', () => {
    expect(environment).toMatchObject({ backend: 'wasm', threads: 2, simd: true, node: process.version, tfjs: '4.22.0' });
    expect(environment.cores).toBeGreaterThan(0);
    const id = captureIdentity(['@tensorflow/tfjs-core', 'no-such-package-xyz']);
    expect(id.versions).toEqual({ '@tensorflow/tfjs-core': '4.22.0', 'no-such-package-xyz': null });
    expect(Number.isNaN(Date.parse(id.date))).toBe(false);
  });

  it('builds flat records with axes as top-level keys and checks the measures', () => {
    const r = makeRecord(
      { suite: 'kernels', name: 'mm', kind: 'speed', axes: { resolution: 64, method: 'ae' }, measures: { time: timeMeasure(10, 2) } },
      identity,
      environment,
    );
    expect(r).toMatchObject({ commit: 'abc', suite: 'kernels', name: 'mm', kind: 'speed', resolution: 64, method: 'ae' });
    expect(r.measures['time']).toEqual({ value: 10, lower: 8, upper: 12, unit: 'ms', better: 'lower' });
    expect(timeMeasure(1, 5).lower).toBe(0);
    const bad =
      (measures: Record<string, never> | Record<string, { value: number; unit: string; better: 'lower'; lower?: number }>, axes = {}) =>
      () =>
        makeRecord({ suite: 's', name: 'n', kind: 'speed', axes, measures }, identity, environment);
    expect(bad({})).toThrow(/record s\/n: measures must hold at least one measure/);
    expect(bad({ t: { value: NaN, unit: 'ms', better: 'lower' } })).toThrow(/measures\.t\.value must be a finite number/);
    expect(bad({ t: { value: 1, unit: 'ms', better: 'lower', lower: 2 } })).toThrow(/measures\.t\.lower \(2\) must be <= value/);
    expect(bad({ t: { value: 1, unit: 'ms', better: 'lower' } }, { commit: 'x' })).toThrow(/axis 'commit' shadows a reserved record key/);
  });

  it('appends JSON lines atomically, creating the folder and keeping earlier lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'records-'));
    const file = join(dir, 'a', 'b.jsonl');
    appendRecords(file, [{ n: 1 }]);
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd()); // a file without the final newline
    appendRecords(file, [{ n: 2 }, { n: 3 }]);
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });
});
