import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../report/html.js';
import { tableByRateAndBin } from '@lola-ts/experiment';
import { defaultLeadTimeBins } from './bins.js';
import { N, setup, STRIDE } from './fixture.test-util.js';
import { openRolloutSet } from './load.js';
import { scoreRollouts } from './score.js';

describe('lola-eval score', () => {
  it('splits lead times into three bins like the paper', () => {
    expect(defaultLeadTimeBins(100, 4)).toEqual([
      [1, 20],
      [21, 60],
      [61, 100],
    ]);
    expect(defaultLeadTimeBins(8, 2)).toEqual([
      [1, 2],
      [3, 4],
      [5, 8],
    ]);
  });

  it('gives zero error for a perfect rollout and the hand-computed VRMSE for a noisy one', async () => {
    const perfect = await setup(0);
    const p = await scoreRollouts([openRolloutSet(perfect.roll)], { commit: null, versions: {} });
    const dm = p.records.filter((r) => r.method === 'dm');
    expect(dm.length).toBe(3 * 3); // channels a, v_x, v_y × 3 bins
    for (const r of dm) {
      expect(r.measures.vrmse!.value).toBe(0);
      expect(r.measures.spread!.value).toBe(0);
    }
    expect(dm.map((r) => r.field)).toContain('v_x');

    const noisy = await setup(0.3);
    const out = await scoreRollouts([openRolloutSet(noisy.roll)], { commit: 'abc', versions: {} });
    // Hand computation for field a, lead time 2 (frame 1), bin [1, 2]: mean over the two trajectories.
    const vrmse = [0, 1].map((i) => {
      const u = noisy.truth[i]!.a.subarray(1 * STRIDE * N * N, (1 * STRIDE + 1) * N * N);
      const mem = [0, 1, 2].map((s) => noisy.members[i * 3 + s]!.a.subarray(N * N, 2 * N * N));
      let mse = 0,
        mu = 0,
        v2 = 0;
      for (let k = 0; k < N * N; k++) {
        const m = (mem[0]![k]! + mem[1]![k]! + mem[2]![k]!) / 3;
        mse += (u[k]! - m) ** 2;
        mu += u[k]!;
      }
      mse /= N * N;
      mu /= N * N;
      for (let k = 0; k < N * N; k++) v2 += (u[k]! - mu) ** 2;
      return Math.sqrt(mse / (v2 / (N * N - 1) + 1e-6));
    });
    const rec = out.records.find((r) => r.method === 'dm' && r.field === 'a' && r.leadTimeBin[0] === 1)!;
    expect(rec.measures.vrmse!.value).toBeCloseTo((vrmse[0]! + vrmse[1]!) / 2, 5);
    expect(rec).toMatchObject({
      method: 'dm',
      compressionRate: 80,
      context: 1,
      leadTimeBin: [1, 2],
      ensembleSize: 3,
      commit: 'abc',
      setting: 'absolute',
      nTrajectories: 2,
      nonFinite: 0,
      seed: 3,
    });
    expect(rec.measures.spreadSkill!.value).toBeGreaterThan(0.5);
    expect(out.curves.filter((c) => c.method === 'dm' && c.field === 'a').map((c) => c.leadTime)).toEqual([2, 4, 6, 8]);
    expect(out.spectra.length).toBe(9); // the rollout's only: no spectra for the baselines

    const html = await renderReport({ records: out.records, curves: out.curves, spectra: out.spectra });
    expect(html).toContain('<svg');
    expect(html).toContain('VRMSE by compression rate and lead time');
    expect(tableByRateAndBin(out.records).map((c) => c.method)).toEqual([
      'dm',
      'dm',
      'dm',
      'persistence',
      'persistence',
      'persistence',
      'mean',
      'mean',
      'mean',
    ]);
  });

  it('rejects mismatched channels and missing frames with clear errors', async () => {
    const bad = await setup(0.1, 1, { extraField: true });
    await expect(scoreRollouts([openRolloutSet(bad.roll)], { commit: null, versions: {} })).rejects.toThrow(
      /channels \[a,b,v_x,v_y\] do not match the truth's \[a,v_x,v_y\]/,
    );
    const long = await setup(0.1, 1);
    writeFileSync(path.join(long.roll, 'rollout.json'), JSON.stringify({ ...long.manifest, ensembleSize: 1, frames: 6 }));
    await expect(scoreRollouts([openRolloutSet(long.roll)], { commit: null, versions: {} })).rejects.toThrow(/needs time index 10/);
    mkdirSync(path.join(long.dir, 'empty'));
    expect(() => openRolloutSet(path.join(long.dir, 'empty'))).toThrow(/not a rollout directory/);
    expect(readFileSync(path.join(long.roll, 'rollout.json'), 'utf8')).toContain('"frames":6');
  });
});
