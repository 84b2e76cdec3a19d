import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRecords, relativeWorsening } from './compare.js';
import { toBencherBmf, toGithubActionBenchmark } from './export.js';
import { parseRecords, type ReadRecord } from '@lola-ts/experiment';

const speed = (name: string, ms: number, resolution = 64): ReadRecord => ({
  suite: 'emulation',
  name,
  kind: 'speed',
  resolution,
  method: 'dm',
  measures: { secondsPerState: { value: ms / 1000, unit: 's', better: 'lower', lower: ms / 1100, upper: ms / 900 } },
});
const acc = (rate: number, v: number): ReadRecord => ({
  suite: 'evaluation',
  name: 'vrmse',
  kind: 'accuracy',
  method: 'dm',
  compressionRate: rate,
  leadTimeBin: [1, 20],
  measures: { vrmse: { value: v, unit: '', better: 'lower' }, spreadSkill: { value: 0.9, better: 'closer-to-1' } },
});

describe('lola-bench compare', () => {
  it('measures worsening in the right direction', () => {
    expect(relativeWorsening(1, 1.2, 'lower')).toBeCloseTo(0.2);
    expect(relativeWorsening(10, 8, 'higher')).toBeCloseTo(0.2);
    expect(relativeWorsening(1, 0.8, 'lower')).toBeCloseTo(-0.2);
    expect(relativeWorsening(0.9, 0.7, 'closer-to-1')).toBeGreaterThan(0);
    expect(relativeWorsening(0.7, 0.9, 'closer-to-1')).toBeLessThan(0);
  });

  it('flags speed and accuracy regressions with separate thresholds', () => {
    const base = [speed('latent-dm', 100), speed('latent-dm', 400, 128), acc(80, 0.1), acc(320, 0.1)];
    const head = [speed('latent-dm', 120), speed('latent-dm', 600, 128), acc(80, 0.104), acc(320, 0.12), speed('new', 1)];
    const res = compareRecords(base, head, { speed: 0.25, accuracy: 0.05 });
    const reg = res.comparisons
      .filter((c) => c.regression)
      .map((c) => `${c.kind}:${c.key.includes('resolution=128') ? 128 : ''}${c.key.includes('compressionRate=320') ? 320 : ''}`);
    expect(reg.sort()).toEqual(['accuracy:320', 'speed:128']);
    expect(res.added).toHaveLength(1);
    expect(res.missing).toHaveLength(0);
  });

  it('exports github-action-benchmark custom JSON and Bencher BMF', () => {
    const recs = [speed('latent-dm', 100), acc(80, 0.1)];
    const smaller = toGithubActionBenchmark(recs, 'smaller');
    expect(smaller.map((e) => e.name)).toEqual([
      'emulation latent-dm resolution=64 method="dm" secondsPerState',
      'evaluation vrmse compressionRate=80 method="dm" leadTimeBin=[1,20] vrmse',
    ]);
    expect(smaller[0]).toMatchObject({ unit: 's', value: 0.1 });
    expect(smaller[0]!.range).toMatch(/^0\.09\d*\.\.0\.11\d*$/);
    expect(toGithubActionBenchmark(recs, 'bigger')).toEqual([]);
    const full = '0123456789abcdef0123456789abcdef01234567';
    const extras = toGithubActionBenchmark(
      [
        { ...recs[0]!, commit: full },
        { ...recs[1]!, commit: full.slice(0, 12) },
      ],
      'smaller',
    );
    expect(extras.map((e) => e.extra)).toEqual([`commit ${full}`, `commit ${full}`]);
    const bmf = toBencherBmf(recs);
    expect(bmf['emulation latent-dm resolution=64 method="dm"']!.secondsPerState).toMatchObject({ value: 0.1 });
    expect(Object.keys(bmf['evaluation vrmse compressionRate=80 method="dm" leadTimeBin=[1,20]']!)).toEqual(['vrmse', 'spreadSkill']);
  });

  it('rejects malformed record files with the line number', () => {
    expect(() => parseRecords('{"suite":"a","name":"b","kind":"speed","measures":{}}\n{"suite":"a"}\n', 'x.jsonl')).toThrow(
      /x\.jsonl:2: record has no 'name'/,
    );
    expect(() => parseRecords('nope\n', 'y.jsonl')).toThrow(/y\.jsonl:1: invalid JSON/);
  });

  it('the CLI exits non-zero on a regression', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-compare-'));
    const write = (n: string, rs: ReadRecord[]) => {
      writeFileSync(path.join(dir, n), rs.map((r) => JSON.stringify(r)).join('\n') + '\n');
      return path.join(dir, n);
    };
    const { run } = await import('../commands/compare.js');
    const b = write('base.jsonl', [acc(80, 0.1)]);
    expect(await run([b, write('same.jsonl', [acc(80, 0.101)])])).toBe(0);
    expect(await run([b, write('worse.jsonl', [acc(80, 0.2)])])).toBe(1);
    const { run: exportRun } = await import('../commands/export.js');
    expect(await exportRun([b, '--format', 'bmf', '--out', path.join(dir, 'bmf.json')])).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'bmf.json'), 'utf8'))).toHaveProperty(
      ['evaluation vrmse compressionRate=80 method="dm" leadTimeBin=[1,20]', 'vrmse', 'value'],
      0.1,
    );
  });
});
