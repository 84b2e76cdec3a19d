/**
 * End to end: a tiny Euler dataset from the simulator, a tiny AE + latent DM + latent NS written
 * as the trainer writes runs (config.yaml + last/weights.safetensors, seeded initial weights),
 * the site built from them, then the page in headless Chromium (Debian's /usr/bin/chromium,
 * installed by .ci/run): it emulates on the backend it finds, draws finite frames, and its numbers
 * equal Node's for the same models, state and seed (the evaluator's path: libs only).
 */
import { Rng } from '@lola-ts/numerics';
import { decode, encode, postprocessStates, preprocessStates, resolveDcaeConfig, initDcae } from '@lola-ts/autoencoders';
import { initDiffusionModel } from '@lola-ts/diffusion';
import { buildLabel, datasetLogsScalars, decodeTrajectory, diffusionEmulator, rollout, solverEmulator } from '@lola-ts/emulation';
import { loadAutoencoderRun, loadEmulatorRun } from '@lola-ts/experiment';
import { lolaVrmse } from '@lola-ts/metrics';
import { disposeParams, initRuntime, saveWeights, writeConfig } from '@lola-ts/nn-blocks';
import { generateDataset } from '@lola-ts/simulators';
import { initSolver } from '@lola-ts/solvers';
import { findWellFiles, openWellFile } from '@lola-ts/well-data';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { canvasStats, DEFAULT_CHROMIUM, launchChromium, openEmulatePage, runInPage } from './bench/chromium.js';
import { pageRecord } from './bench/record.js';
import { buildSite } from './build/site.js';
import type { RunResult } from './manifest.js';

const FRAMES = 9;
const MEMBERS = 2;
const STEPS = 2;
const SEED = 3;

let root: string;
let page: string;
let truth: Float32Array;
let shape: number[];
let label: Float32Array;
let browser: Browser | undefined;

async function writeRun(dir: string, config: Record<string, unknown>, params: Parameters<typeof saveWeights>[1]): Promise<void> {
  mkdirSync(path.join(dir, 'last'), { recursive: true });
  writeConfig(path.join(dir, 'config.yaml'), config);
  await saveWeights(path.join(dir, 'last', 'weights.safetensors'), params);
  writeFileSync(path.join(dir, 'last', 'state.json'), JSON.stringify({ step: 0 }));
  disposeParams(params);
}

beforeAll(async () => {
  await initRuntime({ backend: 'wasm', threads: 1 });
  root = mkdtempSync(path.join(os.tmpdir(), 'lola-emulate-web-'));
  const data = await generateDataset({
    system: 'euler',
    out: path.join(root, 'data'),
    systemOptions: { resolution: 16, frames: FRAMES, bc: 'periodic', params: { gamma: '1.4' } },
    trajectories: 5,
    seed: 0,
    workers: 0,
  });
  const testFile = findWellFiles(path.join(data.datasetDir, 'data', 'test'))[0]!;
  const w = await openWellFile(testFile);
  const fields = w.readFields(0, { start: 0, stride: 1, count: FRAMES });
  truth = fields.data;
  shape = fields.shape;
  label = buildLabel(Object.entries(w.readScalars(0).constant), w.schema.boundaryCodes, {
    logScalars: datasetLogsScalars(w.schema.datasetName),
  });
  const channels = fields.channels;
  w.close();

  const aeCfg = resolveDcaeConfig({
    pixChannels: channels.length,
    latChannels: 4,
    hidChannels: [8, 16],
    hidBlocks: [1, 1],
    attentionHeads: {},
    dropout: 0.05,
    saturation: 'softclip2',
  });
  // Per-channel mean/std after the transform, as the trainer computes them (here from the test trajectory).
  const transform: Record<string, 'log1p'> = { energy: 'log1p', density: 'log1p', pressure: 'log1p' };
  const C = channels.length;
  const stats = channels.map((name, c) => {
    const v = Array.from({ length: truth.length / C }, (_, i) => (transform[name] ? Math.log1p(truth[i * C + c]!) : truth[i * C + c]!));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return { mean, std: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) || 1 };
  });
  const runData = { channels, resolution: [16, 16], transform, mean: stats.map((s) => s.mean), std: stats.map((s) => s.std) };
  await writeRun(path.join(root, 'ae'), { ae: aeCfg, data: runData }, initDcae(aeCfg, new Rng(1)));
  const model = {
    hidChannels: 16,
    hidBlocks: 1,
    heads: 2,
    embFeatures: 16,
    dropout: 0.05,
    ffnFactor: 4,
    patchSize: [1, 1, 1],
    channels: 4,
    spatial: 3,
    labelFeatures: label.length,
  };
  const emuData = { source: 'latent', window: 5, stride: 1 };
  await writeRun(
    path.join(root, 'dm'),
    { stage: 'dm', data: emuData, model, diffusion: { schedule: { name: 'log_logit', sigmaMin: 1e-3, sigmaMax: 1e3 } } },
    initDiffusionModel(new Rng(2), model),
  );
  await writeRun(path.join(root, 'ns'), { stage: 'ns', data: emuData, model }, initSolver(new Rng(3), model));

  const site = await buildSite({
    ae: path.join(root, 'ae'),
    emulators: [path.join(root, 'dm'), path.join(root, 'ns')],
    data: data.datasetDir,
    out: path.join(root, 'site'),
    trajectories: 1,
    frames: FRAMES,
    stride: 1,
  });
  page = site.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Node's emulation of the same trajectory (the evaluator's path, one rollout call). */
function nodeEmulation(kind: 'dm' | 'ns'): { values: Float32Array; vrmse: Float64Array } {
  const ae = loadAutoencoderRun(path.join(root, 'ae'));
  const run = loadEmulatorRun(path.join(root, kind));
  const S = kind === 'dm' ? MEMBERS : 1;
  const lab = tf.tensor2d(label, [1, label.length]);
  try {
    const y = tf.tidy(() => {
      const x0 = tf.tensor(preprocessStates(ae.data, truth.subarray(0, truth.length / FRAMES)), [1, ...shape.slice(1)]);
      const z0 = encode(ae.ae, x0);
      const emulate =
        run.kind === 'dm'
          ? diffusionEmulator(run.params, { schedule: run.schedule, rng: new Rng(SEED), steps: STEPS, label: lab })
          : solverEmulator(run.params, { label: lab });
      const zs = rollout(emulate, z0, { rollout: FRAMES, ensemble: S });
      return decodeTrajectory((f) => decode(ae.ae, f), zs, { batched: true });
    });
    const values = postprocessStates(ae.data, y.dataSync() as Float32Array);
    y.dispose();
    const vrmse = lolaVrmse({ truth: { data: truth, shape }, ensemble: { data: values, shape: [S, ...shape] } }).data;
    return { values, vrmse };
  } finally {
    lab.dispose();
    disposeParams(ae.ae);
    disposeParams(run.params);
  }
}

function compare(got: RunResult, want: { values: Float32Array; vrmse: Float64Array }): { maxAbs: number; maxVrmse: number } {
  expect(got.values.length).toBe(want.values.length);
  let maxAbs = 0;
  for (let i = 0; i < want.values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(got.values[i]! - want.values[i]!));
  let maxVrmse = 0;
  got.vrmse.forEach((row, t) => row.forEach((v, c) => (maxVrmse = Math.max(maxVrmse, Math.abs(v - want.vrmse[t * row.length + c]!)))));
  return { maxAbs, maxVrmse };
}

describe.skipIf(!existsSync(DEFAULT_CHROMIUM))('the emulation page in headless Chromium', () => {
  it('falls back from WebGPU, emulates with the DM and the NS, draws finite frames and matches Node', async () => {
    browser = await launchChromium();
    const { page: tab, info } = await openEmulatePage(browser, page, { members: MEMBERS, steps: STEPS, seed: SEED });
    // --disable-gpu: no WebGPU adapter, so the page must have fallen back (and said why).
    expect(info.backend).toBe('wasm');
    expect(info.notes.join(' ')).toMatch(/^webgpu: /);
    expect(info.emulators.map((e) => e.kind)).toEqual(['dm', 'ns']);
    expect(await tab.textContent('#backend')).toMatch(/^wasm/);

    const scale = Math.max(...Array.from(truth, Math.abs));
    for (const kind of ['ns', 'dm'] as const) {
      const got = await runInPage(tab, { emulator: kind, traj: 0 });
      expect(got.frames).toBe(FRAMES);
      expect(got.members).toBe(kind === 'dm' ? MEMBERS : 1);
      expect(got.values.every(Number.isFinite)).toBe(true);
      expect(got.windows.length).toBe(2); // 5 frames, then 4 more
      expect(got.secondsPerState).toBeGreaterThan(0);
      const stats = await canvasStats(tab);

      for (const id of ['truth', 'pred', 'err']) {
        expect(stats[id]!.width).toBe(16);
        expect(stats[id]!.colours).toBeGreaterThan(8);
        expect(stats[id]!.nonFinite).toBe(0);
      }
      const { maxAbs, maxVrmse } = compare(got, nodeEmulation(kind));
      expect(maxAbs).toBeLessThan(1e-4 * scale);
      expect(maxVrmse).toBeLessThan(1e-4);
      if (kind === 'dm') {
        // Members differ (each has its own noise); NS frames move from one step to the next.
        const n = got.values.length / MEMBERS;
        let diff = 0;
        for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(got.values[i]! - got.values[n + i]!));
        expect(diff).toBeGreaterThan(1e-3);
      }
      const rec = pageRecord(got, info, 'euler_multi_quadrants_periodicBC');
      expect(rec).toMatchObject({
        suite: 'emulate-web',
        name: 'per-state',
        kind: 'speed',
        method: kind,
        resolution: 16,
        environment: { backend: 'wasm' },
      });
    }
    expect(await tab.textContent('#vrmse')).toMatch(/^\d+\.\d{4}$/);
    await tab.close();
  }, 120_000);

  it('runs on the cpu backend when asked, with the same numbers', async () => {
    browser ??= await launchChromium();
    const { page: tab, info } = await openEmulatePage(browser, page, { backend: 'cpu', members: MEMBERS, steps: STEPS, seed: SEED });
    expect(info.backend).toBe('cpu');
    const got = await runInPage(tab, { emulator: 'ns', traj: 0 });
    const { maxAbs } = compare(got, nodeEmulation('ns'));
    expect(maxAbs).toBeLessThan(1e-3 * Math.max(...Array.from(truth, Math.abs)));
    await tab.close();
  }, 120_000);
});
