import { Rng } from '@lola-ts/numerics';
import { initDcae, resolveDcaeConfig } from '@lola-ts/autoencoders';
import { initDiffusionModel } from '@lola-ts/diffusion';
import { saveWeights } from '@lola-ts/nn-blocks';
import { initSolver } from '@lola-ts/solvers';
import { createWellFile, openWellFile } from '@lola-ts/well-data';
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMethod } from './methods.js';
import { runRollouts } from './run-rollouts.js';

const N = 8,
  T = 9;
let root: string;
let dataset: string;

async function writeRun(dir: string, config: string, params: Parameters<typeof saveWeights>[1]) {
  mkdirSync(path.join(dir, 'last'), { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), config);
  await saveWeights(path.join(dir, 'last/weights.safetensors'), params);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(path.join(os.tmpdir(), 'lola-emu-'));
  dataset = path.join(root, 'toy');
  const w = await createWellFile(path.join(dataset, 'data/test/toy.hdf5'), {
    datasetName: 'toy',
    spatialDims: ['x', 'y'],
    coordinates: { x: Float32Array.from({ length: N }, (_, i) => i), y: Float32Array.from({ length: N }, (_, i) => i) },
    time: Float32Array.from({ length: T }, (_, i) => i),
    boundaryConditions: { x: 'PERIODIC', y: 'PERIODIC' },
    parameters: { g: 1.4 },
    fields: [{ name: 'a' }, { name: 'b' }],
  });
  const r = new Rng(3);
  for (let k = 0; k < 2; k++)
    await w.appendTrajectory({ a: r.fillNormal(new Float32Array(T * N * N)), b: r.fillNormal(new Float32Array(T * N * N)) });
  await w.close();
  const ae = {
    pixChannels: 2,
    latChannels: 3,
    hidChannels: [4, 8],
    hidBlocks: [1, 1],
    attentionHeads: {},
    dropout: 0,
    saturation: 'softclip2',
    spatial: 2,
  };
  await writeRun(
    path.join(root, 'ae'),
    `ae: ${JSON.stringify(ae)}\ndata: ${JSON.stringify({ channels: ['a', 'b'], resolution: [N, N], transform: {}, mean: [0, 0], std: [1, 1] })}\n`,
    initDcae(resolveDcaeConfig(ae), new Rng(1)),
  );
  mkdirSync(path.join(root, 'cache'));
  writeFileSync(path.join(root, 'cache/cache.yaml'), `aeRun: ${path.join(root, 'ae')}\n`);
  const model = {
    channels: 3,
    spatial: 3,
    hidChannels: 8,
    hidBlocks: 1,
    heads: 2,
    embFeatures: 8,
    labelFeatures: 5,
    dropout: 0,
    ffnFactor: 2,
    patchSize: [1, 1, 1],
  };
  await writeRun(
    path.join(root, 'dm'),
    `stage: dm\nmodel: ${JSON.stringify(model)}\ndiffusion: { schedule: { name: log_logit, sigmaMin: 0.001, sigmaMax: 1000 } }\ndata: { source: latent, path: ${path.join(root, 'cache')}, window: 5, stride: 2 }\n`,
    initDiffusionModel(new Rng(2), model),
  );
  const pix = { ...model, channels: 2, patchSize: [1, 2, 2] };
  await writeRun(
    path.join(root, 'ns'),
    `stage: ns\nmodel: ${JSON.stringify(pix)}\ndata: { source: well, path: ${dataset}, window: 5, stride: 2, channels: [a, b], transform: {}, mean: [0, 0], std: [2, 2] }\n`,
    initSolver(new Rng(4), pix),
  );
});

describe('DM and NS runs as rollout methods', () => {
  it('rolls a latent DM out as an ensemble, deterministically for a seed, without leaking tensors', async () => {
    const dm = await loadMethod(path.join(root, 'dm'), { ensemble: 3, steps: 4 });
    expect(dm).toMatchObject({ method: 'dm', ensembleSize: 3, samplerSteps: 4, compressionRate: (N * N * 2) / (4 * 4 * 3) });
    const before = tf.memory().numTensors;
    const opts = {
      dataset,
      split: 'test' as const,
      context: 1,
      stride: 2,
      start: 0,
      trajectories: 1,
      seed: 5,
      model: path.join(root, 'dm'),
    };
    const m1 = await runRollouts(dm, { ...opts, out: path.join(root, 'r1') });
    await runRollouts(dm, { ...opts, out: path.join(root, 'r2') });
    expect(tf.memory().numTensors).toBe(before);
    expect(m1.frames).toBe(5);
    const read = async (dir: string, traj: number) => (await openWellFile(path.join(dir, m1.files[0]!))).readFields(traj).data;
    expect(await read(path.join(root, 'r1'), 2)).toEqual(await read(path.join(root, 'r2'), 2));
    const [s0, s1] = [await read(path.join(root, 'r1'), 0), await read(path.join(root, 'r1'), 1)];
    expect(s0).not.toEqual(s1); // members differ
    expect(m1.timing!.secondsPerState).toBeGreaterThan(0);
    dm.dispose();
  });

  it('runs a pixel NS on the preprocessed fields (compression 1, one member)', async () => {
    const ns = await loadMethod(path.join(root, 'ns'), { ensemble: 8, steps: 16 });
    expect(ns).toMatchObject({ method: 'pixel-ns', ensembleSize: 1, samplerSteps: null, compressionRate: 1, channels: ['a', 'b'] });
    const m = await runRollouts(ns, {
      dataset,
      split: 'test',
      out: path.join(root, 'r3'),
      context: 2,
      stride: 2,
      start: 2,
      trajectories: 2,
      seed: 0,
      model: path.join(root, 'ns'),
    });
    expect(m.sources.map((s) => s.sliceStart)).toEqual([0, 0]);
    expect(m.frames).toBe(5);
    ns.dispose();
  });
});
