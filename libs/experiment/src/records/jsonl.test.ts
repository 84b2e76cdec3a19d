import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecords, readJsonl, readRecordFile, sidecar, writeJsonl } from './jsonl.js';
import { readRecordPaths } from './files.js';
import { checkEvaluationRecord, recordWhere } from './validate.js';

const evaluation = {
  suite: 'evaluation',
  name: 'vrmse',
  kind: 'accuracy',
  dataset: 'euler',
  method: 'dm',
  compressionRate: 20,
  leadTimeBin: [1, 4],
  setting: 'absolute',
  measures: { vrmse: { value: 0.5, unit: '', better: 'lower' } },
};

describe('record files', () => {
  it('round-trips JSON lines and names the file and line of bad JSON or a missing key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'experiment-jsonl-'));
    const file = join(dir, 'results.jsonl');
    writeJsonl(file, [evaluation, { ...evaluation, method: 'ns' }]);
    expect(readRecordFile(file).map((r) => r.method)).toEqual(['dm', 'ns']);
    expect(readJsonl<{ method: string }>(file)[1]!.method).toBe('ns');
    writeJsonl(sidecar(file, 'curves'), [{ leadTime: 4 }]);
    expect(readRecordPaths([dir])).toHaveLength(2); // the curves sidecar holds no records
    expect(() => parseRecords('{"suite":"a","name":"b","kind":"speed","measures":{}}\n\n{"suite":"a"}\n', 'x.jsonl')).toThrow(
      /x\.jsonl:3: record has no 'name'/,
    );
    expect(() => parseRecords('nope\n', 'y.jsonl')).toThrow(/y\.jsonl:1: invalid JSON/);
    expect(() => readJsonl(join(dir, 'missing.jsonl'))).toThrow(/missing\.jsonl: no such file/);
    writeFileSync(file, '');
    expect(readRecordFile(file)).toEqual([]);
  });

  it('validates evaluation records with the file, the record number and the field', () => {
    const at = (i: number, r: object) => recordWhere('results.jsonl', i, r as never);
    expect(() => checkEvaluationRecord(evaluation as never, at(0, evaluation))).not.toThrow();
    const nan = { ...evaluation, nonFinite: 2, measures: { vrmse: { value: null } } };
    expect(() => checkEvaluationRecord(nan as never, at(0, nan))).toThrow(
      /^results\.jsonl: record 1 \(evaluation\/vrmse\): measures\.vrmse\.value must be a finite number, got null \(the record was scored from 2 NaN/,
    );
    const bin = { ...evaluation, leadTimeBin: [5, 1] };
    expect(() => checkEvaluationRecord(bin as never, at(2, bin))).toThrow(
      /record 3 \(evaluation\/vrmse\): 'leadTimeBin' must be \[first, last\]/,
    );
    const setting = { ...evaluation, setting: 'both' };
    expect(() => checkEvaluationRecord(setting as never, at(0, setting))).toThrow(/'setting' must be 'absolute' or 'relative', got "both"/);
  });
});
