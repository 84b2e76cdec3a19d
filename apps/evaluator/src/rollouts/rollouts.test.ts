import { Rng } from '@lola-ts/numerics';
import { decode, encode, initDcae, postprocessStates, preprocessStates, resolveDcaeConfig } from '@lola-ts/autoencoders';
import { saveWeights } from '@lola-ts/nn-blocks';
import { createWellFile, openWellFile } from '@lola-ts/well-data';
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRolloutSet } from '../score/load.js';
import { scoreRollouts } from '../score/score.js';
import { readManifest } from './manifest.js';
import { loadMethod } from './methods.js';
import { runRollouts } from './run-rollouts.js';
import { selectTrajectories } from './select.js';

const N = 8,
  T = 11;

async function makeDataset(root: string) {
  const file = path.join(root, 'toy/data/test/toy_g_1.hdf5');
  mkdirSync(path.dirname(file), { recursive: true });
  const w = await createWellFile(file, {
    datasetName: 'toy',
    spatialDims: ['x', 'y'],
    coordinates: { x: Float32Array.from({ length: N }, (_, i) => i / N), y: Float32Array.from({ length: N }, (_, i) => i / N) },
    time: Float32Array.from({ length: T }, (_, i) => 0.5 * i),
    boundaryConditions: { x: 'PERIODIC', y: ['WALL', 'OPEN'] },
    parameters: { g: 1.5 },
    fields: [{ name: 'a' }, { name: 'v', order: 1 }],
  });
  const r = new Rng(1);
  for (let k = 0; k < 3; k++)
    await w.appendTrajectory({ a: r.fillNormal(new Float32Array(T * N * N), 2, 0.3), v: r.fillNormal(new Float32Array(T * N * N * 2)) });
  await w.close();
  return path.join(root, 'toy');
}

async function makeAeRun(dir: string) {
  const ae = {
    pixChannels: 3,
    latChannels: 2,
    hidChannels: [4, 8],
    hidBlocks: [1, 1],
    attentionHeads: {},
    dropout: 0,
    saturation: 'softclip2',
    spatial: 2,
  };
  const data = { channels: ['a', 'v_x', 'v_y'], resolution: [N, N], transform: {}, mean: [2, 0, 0], std: [0.3, 1, 1] };
  mkdirSync(path.join(dir, 'last'), { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), `ae: ${JSON.stringify(ae)}\ndata: ${JSON.stringify(data)}\n`);
  const params = initDcae(resolveDcaeConfig(ae), new Rng(7));
  await saveWeights(path.join(dir, 'last/weights.safetensors'), params);
  return { params, data };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lola-eval rollout', () => {
  it('selects test trajectories like the paper (seeded uniforms, no duplicates)', () => {
    const picks = selectTrajectories(
      [
        { file: 'a.h5', nTrajectories: 3 },
        { file: 'b.h5', nTrajectories: 2 },
      ],
      4,
      0,
    );
    expect(picks).toHaveLength(4);
    expect(new Set(picks.map((p) => p.index)).size).toBe(4);
    for (const p of picks) expect(p.file === 'a.h5' ? p.traj < 3 : p.traj < 2).toBe(true);
    expect(selectTrajectories([{ file: 'a.h5', nTrajectories: 3 }], 10, 0)).toHaveLength(3);
  });

  it('writes AE reconstructions in The Well format with a manifest, scores them, and resumes', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lola-rollout-'));
    const dataset = await makeDataset(root);
    const run = path.join(root, 'ae-run');
    const { params, data } = await makeAeRun(run);
    const method = await loadMethod(run, { ensemble: 1, steps: 16 });
    expect(method.method).toBe('ae');
    expect(method.compressionRate).toBe((N * N * 3) / (4 * 4 * 2));
    const out = path.join(root, 'out');
    const before = tf.memory().numTensors;
    const m = await runRollouts(method, {
      dataset,
      split: 'test',
      out,
      context: 1,
      stride: 2,
      start: 2,
      trajectories: 2,
      seed: 0,
      model: run,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(m).toMatchObject({ method: 'ae', frames: 5, ensembleSize: 1, context: 1, stride: 2, start: 2, dataset: 'toy' });
    expect(m.sources.map((s) => s.sliceStart)).toEqual([2, 2]);
    expect(readManifest(out).files).toEqual(m.files);

    // The stored prediction is exactly the AE's reconstruction of the truth slice.
    const src = m.sources[0]!;
    const truth = (await openWellFile(path.join(dataset, 'data/test', src.file))).readFields(src.traj, { start: 2, stride: 2, count: 5 });
    const x = tf.tensor(preprocessStates(data as never, truth.data), truth.shape);
    const y = decode(params, encode(params, x));
    const expected = postprocessStates(data as never, (await y.data()) as Float32Array);
    const pred = await openWellFile(path.join(out, m.files[0]!));
    expect(pred.schema.boundaryCodes).toEqual([
      [2, 2],
      [0, 1],
    ]);
    expect(pred.schema.parameterValues).toEqual({ g: 1.5 });
    expect([...pred.readTime()]).toEqual([1, 2, 3, 4, 5]);
    const got = pred.readFields(0);
    expect(got.channels).toEqual(['a', 'v_x', 'v_y']);
    let maxErr = 0;
    for (let i = 0; i < expected.length; i++) maxErr = Math.max(maxErr, Math.abs(expected[i]! - got.data[i]!));
    expect(maxErr).toBeLessThan(1e-5);
    pred.close();

    const scored = await scoreRollouts([openRolloutSet(out)], { commit: null, versions: {} });
    expect(scored.records.every((r) => (r.method === 'ae' || r.baseline) && Number.isFinite(r.measures.vrmse!.value))).toBe(true);
    expect(m.seed).toBe(0);

    // Resume: a second run reuses the finished files.
    const again = await runRollouts(method, {
      dataset,
      split: 'test',
      out,
      context: 1,
      stride: 2,
      start: 2,
      trajectories: 2,
      seed: 0,
      model: run,
    });
    expect(again.timing!.secondsPerState).toBeCloseTo(m.timing!.secondsPerState, 12);
    expect(existsSync(path.join(out, m.files[1]!))).toBe(true);
    await expect(
      runRollouts(method, {
        dataset,
        split: 'test',
        out: path.join(root, 'o2'),
        context: 1,
        stride: 2,
        start: 2,
        frames: 9,
        trajectories: 1,
        seed: 0,
        model: run,
      }),
    ).rejects.toThrow(/has 5 frames from time index 2 at stride 2; 9 were asked for/);

    // Stopped by a signal after the first trajectory: its file stays, no manifest; the re-run resumes.
    const stop = new AbortController();
    const o3 = path.join(root, 'o3');
    const opts3 = { dataset, split: 'test' as const, out: o3, context: 1, stride: 2, start: 2, trajectories: 2, seed: 0, model: run };
    await expect(
      runRollouts(method, { ...opts3, signal: stop.signal, onProgress: () => stop.abort(new Error('interrupted by SIGTERM')) }),
    ).rejects.toThrow('interrupted by SIGTERM');
    expect(existsSync(path.join(o3, m.files[0]!))).toBe(true);
    expect(existsSync(path.join(o3, m.files[1]!))).toBe(false);
    expect(existsSync(path.join(o3, 'rollout.json'))).toBe(false);
    expect((await runRollouts(method, opts3)).files).toEqual(m.files);
  });
});
