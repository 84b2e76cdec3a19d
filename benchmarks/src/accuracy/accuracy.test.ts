import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareRecords } from '../compare/compare.js';
import { identityKey, type ReadRecord } from '@lola-ts/experiment';
import { histories } from '../dashboard/model.js';
import { captureEnvironment } from '../records/index.js';
import { aggregateVrmse } from './aggregate.js';
import { accuracyRecords, run } from './command.js';
import { formatAccuracyTable, joinPaper } from './reference.js';

const BINS: [number, number][] = [
  [1, 4],
  [5, 12],
  [13, 20],
];
const FIELDS = ['density', 'energy'];

/** Evaluator-style records whose mean over fields × contexts is `base(method, rate, bin)` exactly. */
function evaluationRecords(commit: string, base: (method: string, rate: number, bin: number) => number): ReadRecord[] {
  const out: ReadRecord[] = [];
  const rows: [string, number][] = [
    ['ae', 5],
    ['ae', 20],
    ['ae', 80],
    ['dm', 5],
    ['dm', 20],
    ['dm', 80],
    ['ns', 5],
    ['ns', 20],
    ['ns', 80],
    ['pixel-ns', 1],
  ];
  for (const [method, rate] of rows) {
    BINS.forEach((bin, b) => {
      for (const [f, field] of FIELDS.entries()) {
        for (const context of [1, 2]) {
          const offset = (f === 0 ? 0.01 : -0.01) + (context === 1 ? 0.002 : -0.002);
          for (const setting of ['absolute', 'relative'] as const) {
            out.push({
              suite: 'evaluation',
              kind: 'accuracy',
              name: 'vrmse',
              commit,
              date: `2026-01-0${commit === 'aaa' ? 1 : 2}T00:00:00.000Z`,
              versions: { '@lola-ts/metrics': '0.1.0' },
              dataset: 'euler_multi_quadrants_periodicBC',
              split: 'test',
              method,
              compressionRate: rate,
              field,
              context,
              leadTimeBin: bin,
              start: 0,
              stride: 4,
              ensembleSize: method === 'dm' ? 4 : 1,
              samplerSteps: method === 'dm' ? 16 : null,
              setting,
              nTrajectories: 3,
              measures: {
                vrmse: { value: setting === 'absolute' ? base(method, rate, b) + offset : 99, unit: '', better: 'lower' },
                spread: { value: 0.1, unit: '', better: 'closer-to-1' },
              },
            });
          }
        }
      }
    });
  }
  return out;
}

/** Records as written and read back (JSON lines). */
const asRead = (rs: unknown[]) => JSON.parse(JSON.stringify(rs)) as ReadRecord[];

const base = (method: string, rate: number, bin: number) =>
  ({ ae: 0.02, dm: 0.1, ns: 0.12, 'pixel-ns': 0.3 })[method]! * (1 + rate / 100) * (bin + 1);

afterEach(() => vi.restoreAllMocks());

describe('lola-bench accuracy', () => {
  it('averages VRMSE over fields and contexts per method × rate × bin, absolute setting only', () => {
    const cells = aggregateVrmse([
      ...evaluationRecords('aaa', base),
      { suite: 'kernels', name: 'mm', kind: 'speed', measures: { time: { value: 1 } } },
    ]);
    expect(cells).toHaveLength(10 * 3);
    for (const c of cells) {
      expect(c.n).toBe(4);
      expect(c.vrmse).toBeCloseTo(
        base(
          c.method,
          c.compressionRate,
          BINS.findIndex((b) => b[0] === c.leadTimeBin[0]),
        ),
        12,
      );
      expect(c.fields).toEqual(['density', 'energy']);
      expect(c.contexts).toEqual([1, 2]);
      expect(c.commit).toBe('aaa');
    }
    const dm = cells.find((c) => c.method === 'dm')!;
    expect(dm).toMatchObject({ ensembleSize: 4, samplerSteps: 16, split: 'test', nTrajectories: 3 });
    expect(cells.find((c) => c.method === 'ae')!.samplerSteps).toBeNull();
  });

  it("joins the paper's table by rank of compression and of lead-time bin, with Δ%", () => {
    const joined = joinPaper(aggregateVrmse(evaluationRecords('aaa', base)));
    const at = (method: string, rate: number, bin: number) =>
      joined.find((c) => c.method === method && c.compressionRate === rate && c.leadTimeBin[0] === BINS[bin]![0])!;
    // Ours 5/20/80 ↔ the paper's Euler 80/320/1280; pixel-ns ↔ the paper's pixel NS (rate 1).
    expect(at('dm', 5, 0).paper).toEqual({ dataset: 'euler', method: 'dm', compressionRate: 80, leadTimeBin: [1, 20], vrmse: 0.075 });
    expect(at('dm', 80, 2).paper).toMatchObject({ compressionRate: 1280, leadTimeBin: [61, 100], vrmse: 0.4 });
    expect(at('ns', 20, 1).paper).toMatchObject({ compressionRate: 320, vrmse: 0.232 });
    expect(at('pixel-ns', 1, 2).paper).toMatchObject({ method: 'ns', compressionRate: 1, vrmse: 1.102 });
    const c = at('ae', 20, 1);
    expect(c.deltaPercent).toBeCloseTo((100 * (c.vrmse - 0.042)) / 0.042, 10);
    // A dataset the paper did not use gets no reference.
    const other = aggregateVrmse(evaluationRecords('aaa', base).map((r) => ({ ...r, dataset: 'gray_scott_reaction_diffusion' })));
    expect(joinPaper(other).every((x) => x.paper === null && x.deltaPercent === null)).toBe(true);

    const text = formatAccuracyTable(joined).join('\n');
    expect(text).toContain("euler_multi_quadrants_periodicBC @ aaa vs the paper's euler");
    expect(text).toMatch(/ours 1–4\s+paper 1–20\s+Δ%/);
    expect(text).toMatch(/\ndm\s+5×\s+80×\s+│\s+0\.105\s+0\.075\s+\+40%/);
    expect(text).toMatch(/\npixel-ns\s+pixel\s+pixel\s+│\s+0\.303\s+0\.138\s+\+120%/);
    expect(text).toContain('The scales differ');
  });

  it('writes accuracy records that compare and the dashboard consume', () => {
    const env = captureEnvironment();
    const baseRecs = accuracyRecords(joinPaper(aggregateVrmse(evaluationRecords('aaa', base))), env);
    const headRecs = accuracyRecords(
      joinPaper(aggregateVrmse(evaluationRecords('bbb', (m, r, b) => base(m, r, b) * (m === 'dm' ? 1.5 : 1)))),
      env,
    );
    expect(baseRecs[0]).toMatchObject({
      suite: 'accuracy',
      kind: 'accuracy',
      commit: 'aaa',
      date: '2026-01-01T00:00:00.000Z',
      setting: 'absolute',
      measures: { vrmse: { unit: '1', better: 'lower' } },
    });
    const dm = baseRecs.find((r) => r.method === 'dm' && r.compressionRate === 5 && (r.leadTimeBin as number[])[0] === 1)!;
    expect(dm).toMatchObject({
      name: 'vrmse/1-4',
      leadTimeBin: [1, 4],
      ensembleSize: 4,
      samplerSteps: 16,
      contexts: [1, 2],
      reference: { source: 'paper', compressionRate: 80, vrmse: 0.075 },
    });
    expect(new Set(baseRecs.map((r) => identityKey(asRead([r])[0]!))).size).toBe(baseRecs.length);
    const { comparisons } = compareRecords(asRead(baseRecs), asRead(headRecs), { speed: 0.1, accuracy: 0.1 });
    expect(comparisons).toHaveLength(30);
    expect(comparisons.filter((c) => c.regression).length).toBe(9); // the DM cells, 50 % worse
    const chart = histories(asRead([...baseRecs, ...headRecs])).find((h) => h.title === 'accuracy: vrmse')!;
    expect(chart.kind).toBe('accuracy');
    expect(new Set(chart.points.map((p) => p.series)).size).toBe(30);
    expect(new Set(chart.points.map((p) => p.x))).toEqual(new Set(['aaa', 'bbb']));
  });

  it('runs from files and directories, and names the file and record on bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accuracy-'));
    const recs = evaluationRecords('aaa', base);
    writeFileSync(
      join(dir, 'a.jsonl'),
      recs
        .slice(0, 60)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'b.jsonl'),
      recs
        .slice(60)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const out = join(dir, 'out', 'accuracy.jsonl');
    expect(await run(['--results', join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), '--out', out])).toBe(0);
    const written = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ReadRecord);
    expect(written).toHaveLength(30);
    expect(err.join('\n')).toContain('appended 30 records');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // A directory: a.jsonl, b.jsonl, out/accuracy.jsonl (not evaluation records: ignored) and the
    // evaluator's curves.jsonl (not records at all: skipped with a note).
    writeFileSync(join(dir, 'curves.jsonl'), JSON.stringify({ dataset: 'euler', method: 'dm', leadTime: 4, vrmse: 0.1 }) + '\n');
    expect(await run(['--results', dir])).toBe(0);
    expect(log).toHaveBeenCalledTimes(30);
    expect(err.join('\n')).toMatch(/skipping .*curves\.jsonl \(not benchmark\/evaluation records: line 1: record has no 'suite'/);
    await expect(run(['--results', join(dir, 'curves.jsonl')])).rejects.toThrow(/curves\.jsonl:1: record has no 'suite'/);

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ ...recs[0], leadTimeBin: [5, 1] }) + '\n');
    await expect(run(['--results', bad])).rejects.toThrow(
      /bad\.jsonl: record 1 \(evaluation\/vrmse\): 'leadTimeBin' must be \[first, last\]/,
    );
    const none = join(dir, 'none.jsonl');
    writeFileSync(none, JSON.stringify({ suite: 'kernels', name: 'x', kind: 'speed', measures: { t: { value: 1 } } }) + '\n');
    expect(await run(['--results', none])).toBe(1);
    expect(err.at(-1)).toMatch(/no evaluation records with measures\.vrmse/);
    expect(await run([])).toBe(2);
    await expect(run(['--results', join(dir, 'missing.jsonl')])).rejects.toThrow(/missing\.jsonl: no such file or directory/);
  });

  it("takes the evaluator's baselines (persistence, mean) as rows of their own, without a paper value; refuses non-finite records clearly", () => {
    const recs = evaluationRecords('aaa', base).filter((r) => r.method === 'dm');
    const baseline = (method: string, value: number, bin: [number, number]) =>
      ({
        ...recs[0]!,
        method,
        compressionRate: 1,
        baseline: true,
        ensembleSize: 1,
        samplerSteps: null,
        leadTimeBin: bin,
        setting: 'absolute',
        nonFinite: 0,
        measures: { vrmse: { value, unit: '', better: 'lower' } },
      }) as ReadRecord;
    const all = asRead([...recs, ...BINS.map((b) => baseline('persistence', 0.5, b)), ...BINS.map((b) => baseline('mean', 0.999, b))]);
    const joined = joinPaper(aggregateVrmse(all));
    expect(joined.filter((c) => c.method === 'persistence').map((c) => [c.vrmse, c.paper])).toEqual(BINS.map(() => [0.5, null]));
    const text = formatAccuracyTable(joined).join('\n');
    expect(text).toMatch(/\npersistence\s+—\s+–\s+│\s+0\.500\s+–/);
    expect(text.indexOf('\nmean ')).toBeGreaterThan(text.indexOf('\npersistence '));
    expect(text.indexOf('\npersistence ')).toBeGreaterThan(text.indexOf('\ndm '));
    expect(
      histories(all)
        .find((h) => h.title === 'evaluation: vrmse')!
        .points.some((p) => p.series === 'mean 1–4'),
    ).toBe(true);

    const nonFinite = asRead([{ ...recs[0]!, nonFinite: 3, measures: { vrmse: { value: Number.NaN, unit: '', better: 'lower' } } }]);
    expect(() => aggregateVrmse(nonFinite, 'results.jsonl')).toThrow(
      /results\.jsonl: record 1 .*measures\.vrmse\.value must be a finite number, got null \(the record was scored from 3 NaN\/Inf values with lola-eval score --allow-non-finite/,
    );
  });
});
