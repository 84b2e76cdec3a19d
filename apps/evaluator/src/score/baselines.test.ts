import { describe, expect, it } from 'vitest';
import { renderReport } from '../report/html.js';
import { tableByRateAndBin } from '@lola-ts/experiment';
import { baselineSentences, compareWithBaselines } from '../results/baselines.js';
import { persistenceEnsemble, spatialMeanEnsemble } from './baselines.js';
import { N, setup, STRIDE } from './fixture.test-util.js';
import { openRolloutSet } from './load.js';
import { scoreRollouts } from './score.js';

/** LoLa's VRMSE of prediction p against truth u (one frame of one field): √(mse / (unbiased var + 1e-6)). */
function vrmse(u: ArrayLike<number>, p: ArrayLike<number>): number {
  const n = u.length;
  let mse = 0,
    mu = 0,
    v2 = 0;
  for (let k = 0; k < n; k++) {
    mse += (u[k]! - p[k]!) ** 2;
    mu += u[k]!;
  }
  mse /= n;
  mu /= n;
  for (let k = 0; k < n; k++) v2 += (u[k]! - mu) ** 2;
  return Math.sqrt(mse / (v2 / (n - 1) + 1e-6));
}

const P = N * N;
const frameOf = (a: Float32Array, t: number) => a.subarray(t * P, (t + 1) * P);

describe('baselines', () => {
  it("persistence repeats the last context frame; mean is each frame's spatial mean per channel", () => {
    // [T=3, 2 points, C=2]
    const truth = { data: Float32Array.from([1, 10, 3, 30, 2, 20, 4, 40, 5, 50, 7, 70]), shape: [3, 2, 2] };
    expect([...persistenceEnsemble(truth, 2).data]).toEqual([1, 10, 3, 30, 2, 20, 4, 40, 2, 20, 4, 40]);
    expect(persistenceEnsemble(truth, 1).shape).toEqual([1, 3, 2, 2]);
    expect([...spatialMeanEnsemble(truth).data]).toEqual([2, 20, 2, 20, 3, 30, 3, 30, 6, 60, 6, 60]);
  });

  it('are scored once per trajectory set beside the rollouts, with the hand-computed VRMSE', async () => {
    const good = await setup(0.3);
    const bad = await setup(3, 1, { dir: good.dir, name: 'roll-ns', method: 'ns' });
    const out = await scoreRollouts([openRolloutSet(good.roll), openRolloutSet(bad.roll)], { commit: null, versions: {} });
    const pers = out.records.filter((r) => r.method === 'persistence');
    const mean = out.records.filter((r) => r.method === 'mean');
    expect(pers).toHaveLength(9); // 3 channels × 3 bins, once for the two rollouts of the same trajectories
    expect(mean).toHaveLength(9);
    for (const r of [...pers, ...mean])
      expect(r).toMatchObject({
        baseline: true,
        compressionRate: 1,
        ensembleSize: 1,
        samplerSteps: null,
        setting: 'absolute',
        nTrajectories: 2,
        nonFinite: 0,
      });

    // Persistence, field a, bin 5–8 = frames 3 and 4 (time indices 6, 8) predicted by frame 0 (time 0).
    const expected = [0, 1].flatMap((i) => [6, 8].map((t) => vrmse(frameOf(good.truth[i]!.a, t), frameOf(good.truth[i]!.a, 0))));
    const rec = pers.find((r) => r.field === 'a' && r.leadTimeBin[0] === 5)!;
    expect(rec.measures.vrmse!.value).toBeCloseTo(expected.reduce((s, x) => s + x, 0) / 4, 5);

    // Mean: √((n−1)/n · σ²/(σ² + ε)) per frame; ≈ 1 up to the grid size (0.99216 for 8²).
    const u = frameOf(good.truth[1]!.a, 2 * STRIDE);
    let mu = 0;
    for (const x of u) mu += x / P;
    expect(vrmse(u, new Float32Array(P).fill(mu))).toBeCloseTo(Math.sqrt((P - 1) / P), 5);
    for (const r of mean) expect(r.measures.vrmse!.value).toBeCloseTo(Math.sqrt((P - 1) / P), 5);
    for (const c of out.curves.filter((x) => x.method === 'mean')) expect(c.vrmse).toBeCloseTo(Math.sqrt((P - 1) / P), 5);
    expect(out.curves.filter((c) => c.method === 'persistence' && c.field === 'a').map((c) => c.leadTime)).toEqual([2, 4, 6, 8]);

    // The good rollout beats both; the noisy one neither, and the report says so.
    const cmp = compareWithBaselines(tableByRateAndBin(out.records));
    expect(cmp.filter((c) => c.method === 'dm').every((c) => c.beatsPersistence && c.beatsMean)).toBe(true);
    expect(cmp.filter((c) => c.method === 'ns').every((c) => c.beatsPersistence === false && c.beatsMean === false)).toBe(true);
    expect(baselineSentences(cmp)).toEqual([
      'dm 80×: beats persistence in 3 of 3 bins; beats the spatial mean in 3 of 3 bins.',
      'ns 80×: does NOT beat persistence in 0 of 3 bins; does NOT beat the spatial mean in 0 of 3 bins.',
    ]);
    const html = await renderReport({ records: out.records, curves: out.curves, spectra: out.spectra });
    expect(html).toContain('Do the emulators beat the baselines?');
    expect(html).toMatch(/\(p\) Every emulator beats persistence[^:]*: does NOT hold<\/b> — not beaten in 3 of 6 cells: ns 80× 1–2/);
    expect(html).toMatch(/<tr class="baseline"><td>persistence<\/td><td>—<\/td>/);
    expect(html).toMatch(/VRMSE at the first lead time \(2 simulator steps\)/);

    const none = await scoreRollouts([openRolloutSet(good.roll)], { commit: null, versions: {}, baselines: false });
    expect(none.records.every((r) => r.method === 'dm')).toBe(true);
  });
});
