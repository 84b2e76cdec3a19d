import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../report/html.js';
import { readJsonl, tableByRateAndBin, writeJsonl, type CurvePoint, type EvaluationRecord } from '@lola-ts/experiment';
import { countNonFinite, firstNonFinite } from './finite.js';
import { setup } from './fixture.test-util.js';
import { openRolloutSet } from './load.js';
import { scoreRollouts } from './score.js';

// Field v's value at point 5, component y (channel v_y), of member 1 of source trajectory 1 (file trajectory 4).
const at = (frame: number, value: number) => ({ member: 4, frame, index: 5 * 2 + 1, value });

describe('non-finite values in scoring', () => {
  it('counts and locates them per frame and channel', () => {
    // [M=2, T=2, 1 point, C=2]
    const data = Float32Array.from([0, 1, 2, NaN, Infinity, 5, -Infinity, NaN]);
    expect([...countNonFinite(data, 2, 2, 2)]).toEqual([1, 0, 1, 2]);
    expect(firstNonFinite(data, 2, 2, 2)).toEqual({ member: 0, frame: 1, channel: 1, value: NaN });
    expect(firstNonFinite(data.subarray(0, 3), 1, 3)).toBeNull();
  });

  it('fail by default, naming the file, trajectory, field and frame', async () => {
    const s = await setup(0.1, 3, { poison: at(3, Number.NaN) });
    const file = path.join(s.roll, 'data/test/f.hdf5');
    await expect(scoreRollouts([openRolloutSet(s.roll)], { commit: null, versions: {} })).rejects.toThrow(
      `${file}: trajectory 4 (member 1 of f.hdf5 trajectory 1), field 'v_y', frame 3 (time index 6) is NaN (1 non-finite value in this trajectory); re-run with --allow-non-finite`,
    );
    const t = await setup(0.1, 1, { poisonTruth: { traj: 1, timeIndex: 4, index: 7, value: Number.POSITIVE_INFINITY } });
    await expect(scoreRollouts([openRolloutSet(t.roll)], { commit: null, versions: {} })).rejects.toThrow(
      `${path.join(t.dir, 'toy/data/test/f.hdf5')}: truth trajectory 1, field 'a', frame 2 (time index 4) is Infinity`,
    );
  });

  it('with allowNonFinite: every record stays, counts them, and its means are NaN (null in the JSON), not means of the rest', async () => {
    const s = await setup(0.1, 3, { poison: at(3, Number.NaN) });
    const out = await scoreRollouts([openRolloutSet(s.roll)], { commit: null, versions: {}, allowNonFinite: true });
    const dm = out.records.filter((r) => r.method === 'dm');
    expect(dm).toHaveLength(9); // the poisoned bin does not vanish
    const hit = dm.find((r) => r.field === 'v_y' && r.leadTimeBin[0] === 5)!; // frame 3 = lead 6
    expect(hit.nonFinite).toBe(1);
    expect(hit.measures.vrmse!.value).toBeNaN();
    for (const r of out.records.filter((x) => x !== hit)) {
      expect(r.nonFinite).toBe(0);
      expect(Number.isFinite(r.measures.vrmse!.value)).toBe(true);
    }
    const curve = (lead: number) => out.curves.find((c) => c.method === 'dm' && c.field === 'v_y' && c.leadTime === lead)!.vrmse;
    expect(curve(6)).toBeNaN();
    expect(Number.isFinite(curve(8))).toBe(true);

    // Written and read back: null values, the table cell is non-finite and the report says so.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lola-nf-')), 'results.jsonl');
    writeJsonl(file, out.records);
    writeJsonl(file.replace('.jsonl', '.curves.jsonl'), out.curves);
    const back = readJsonl<EvaluationRecord>(file);
    expect(back.find((r) => r.name === hit.name)!.measures.vrmse!.value).toBeNull();
    expect(
      readJsonl<CurvePoint>(file.replace('.jsonl', '.curves.jsonl')).find(
        (c) => c.method === 'dm' && c.field === 'v_y' && c.leadTime === 6,
      )!.vrmse,
    ).toBeNull();
    const cell = tableByRateAndBin(back).find((c) => c.method === 'dm' && c.leadTimeBin[0] === 5)!;
    expect(cell.value).toBeNaN();
    expect(cell.nonFinite).toBe(1);
    const html = await renderReport({ records: back });
    expect(html).toContain('non-finite (1 values)');
    expect(html).toMatch(/1 records were scored from NaN\/Inf values/);
  });

  it('an exploding prediction (Inf) does not score better than a finite one', async () => {
    const s = await setup(0.1, 3, { poison: at(1, Number.POSITIVE_INFINITY) });
    const out = await scoreRollouts([openRolloutSet(s.roll)], { commit: null, versions: {}, allowNonFinite: true });
    const r = out.records.find((x) => x.method === 'dm' && x.field === 'v_y' && x.leadTimeBin[0] === 1)!;
    expect(r.nonFinite).toBe(1);
    expect(Number.isFinite(r.measures.vrmse!.value)).toBe(false);
    expect(Number.isFinite(r.measures.spreadSkill!.value)).toBe(false);
  });
});
