import { createWellFile, Rng } from '@lola-ts/well-data';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../report/html.js';
import { tableByRateAndBin } from '../results/aggregate.js';
import type { RolloutManifest } from '../rollouts/manifest.js';
import { defaultLeadTimeBins } from './bins.js';
import { openRolloutSet } from './load.js';
import { scoreRollouts } from './score.js';

const N = 8, T = 9, STRIDE = 2;
const coords = { x: Float32Array.from({ length: N }, (_, i) => (i + 0.5) / N), y: Float32Array.from({ length: N }, (_, i) => (i + 0.5) / N) };

function field(seed: number, frames: number): { a: Float32Array; v: Float32Array } {
  const r = new Rng(seed);
  return { a: r.fillNormal(new Float32Array(frames * N * N), 1, 0.5), v: r.fillNormal(new Float32Array(frames * N * N * 2)) };
}

async function writeFile(file: string, trajs: { a: Float32Array; v: Float32Array }[], times: Float32Array, extraField = false) {
  mkdirSync(path.dirname(file), { recursive: true });
  const w = await createWellFile(file, {
    datasetName: 'toy', spatialDims: ['x', 'y'], coordinates: coords, time: times,
    boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' }, parameters: { g: 1 },
    fields: [{ name: 'a' }, ...(extraField ? [{ name: 'b' }] : []), { name: 'v', order: 1 as const }],
  });
  for (const t of trajs) await w.appendTrajectory(extraField ? { a: t.a, b: t.a, v: t.v } : { a: t.a, v: t.v });
  await w.close();
}

/** Truth dataset (2 trajectories × T frames) and a rollout of `frames` frames from `start` at stride 2. */
async function setup(noise: number, S = 3, opts: { extraField?: boolean } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lola-score-'));
  const truth = [field(1, T), field(2, T)];
  await writeFile(path.join(dir, 'toy/data/test/f.hdf5'), truth, Float32Array.from({ length: T }, (_, i) => i));
  const frames = 5, context = 1, start = 0;
  const r = new Rng(9);
  const members: { a: Float32Array; v: Float32Array }[] = [];
  for (const t of truth) {
    for (let s = 0; s < S; s++) {
      const pick = (src: Float32Array, per: number) => {
        const out = new Float32Array(frames * per);
        for (let f = 0; f < frames; f++) for (let i = 0; i < per; i++) out[f * per + i] = src[(start + f * STRIDE) * per + i]! + noise * r.normal();
        return out;
      };
      members.push({ a: pick(t.a, N * N), v: pick(t.v, N * N * 2) });
    }
  }
  const roll = path.join(dir, 'roll');
  await writeFile(path.join(roll, 'data/test/f.hdf5'), members, Float32Array.from({ length: frames }, (_, f) => f * STRIDE), opts.extraField);
  const manifest: RolloutManifest = {
    method: 'dm', compressionRate: 80, dataset: 'toy', datasetDir: path.join(dir, 'toy'), split: 'test', context, stride: STRIDE, start, frames,
    ensembleSize: S, samplerSteps: 16, model: null, sources: [{ file: 'f.hdf5', traj: 0, sliceStart: 0 }, { file: 'f.hdf5', traj: 1, sliceStart: 0 }], files: ['data/test/f.hdf5', 'data/test/f.hdf5'],
  };
  writeFileSync(path.join(roll, 'rollout.json'), JSON.stringify(manifest));
  return { dir, roll, truth, members, manifest };
}

describe('lola-eval score', () => {
  it('splits lead times into three bins like the paper', () => {
    expect(defaultLeadTimeBins(100, 4)).toEqual([[1, 20], [21, 60], [61, 100]]);
    expect(defaultLeadTimeBins(8, 2)).toEqual([[1, 2], [3, 4], [5, 8]]);
  });

  it('gives zero error for a perfect rollout and the hand-computed VRMSE for a noisy one', async () => {
    const perfect = await setup(0);
    const p = await scoreRollouts([openRolloutSet(perfect.roll)], { commit: null, versions: {} });
    expect(p.records.length).toBe(3 * 3); // channels a, v_x, v_y × 3 bins
    for (const r of p.records) {
      expect(r.measures.vrmse!.value).toBe(0);
      expect(r.measures.spread!.value).toBe(0);
    }
    expect(p.records.map((r) => r.field)).toContain('v_x');

    const noisy = await setup(0.3);
    const out = await scoreRollouts([openRolloutSet(noisy.roll)], { commit: 'abc', versions: {} });
    // Hand computation for field a, lead time 2 (frame 1), bin [1, 2]: mean over the two trajectories.
    const vrmse = [0, 1].map((i) => {
      const u = noisy.truth[i]!.a.subarray(1 * STRIDE * N * N, (1 * STRIDE + 1) * N * N);
      const mem = [0, 1, 2].map((s) => noisy.members[i * 3 + s]!.a.subarray(N * N, 2 * N * N));
      let mse = 0, mu = 0, v2 = 0;
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
    const rec = out.records.find((r) => r.field === 'a' && r.leadTimeBin[0] === 1)!;
    expect(rec.measures.vrmse!.value).toBeCloseTo((vrmse[0]! + vrmse[1]!) / 2, 5);
    expect(rec).toMatchObject({ method: 'dm', compressionRate: 80, context: 1, leadTimeBin: [1, 2], ensembleSize: 3, commit: 'abc', setting: 'absolute', nTrajectories: 2 });
    expect(rec.measures.spreadSkill!.value).toBeGreaterThan(0.5);
    expect(out.curves.filter((c) => c.field === 'a').map((c) => c.leadTime)).toEqual([2, 4, 6, 8]);
    expect(out.spectra.length).toBe(9);

    const html = await renderReport({ records: out.records, curves: out.curves, spectra: out.spectra });
    expect(html).toContain('<svg');
    expect(html).toContain('VRMSE by compression rate and lead time');
    expect(tableByRateAndBin(out.records)).toHaveLength(3);
  });

  it('rejects mismatched channels and missing frames with clear errors', async () => {
    const bad = await setup(0.1, 1, { extraField: true });
    await expect(scoreRollouts([openRolloutSet(bad.roll)], { commit: null, versions: {} })).rejects.toThrow(/channels \[a,b,v_x,v_y\] do not match the truth's \[a,v_x,v_y\]/);
    const long = await setup(0.1, 1);
    writeFileSync(path.join(long.roll, 'rollout.json'), JSON.stringify({ ...long.manifest, ensembleSize: 1, frames: 6 }));
    await expect(scoreRollouts([openRolloutSet(long.roll)], { commit: null, versions: {} })).rejects.toThrow(/needs time index 10/);
    mkdirSync(path.join(long.dir, 'empty'));
    expect(() => openRolloutSet(path.join(long.dir, 'empty'))).toThrow(/not a rollout directory/);
    expect(readFileSync(path.join(long.roll, 'rollout.json'), 'utf8')).toContain('"frames":6');
  });
});
