import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { diffusionEmulator, loadEmulatorRun, rollout, solverEmulator } from '@lola-ts/emulation';
import { disposeParams, initRuntime, loadSafetensors, readLog } from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/well-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyEulerDataset } from '../ae/testing.js';
import { loadEmulatorStageConfig } from './config.js';
import { writeTinyLatentCache } from './testing.js';
import { trainEmulator } from './train.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIGS = resolve(here, '../../../../configs');
const MAIN = resolve(here, '../main.ts');
let root: string;
let cache: string;
const quiet = { progress: false as const, log: () => {} };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lola-emu-'));
  cache = await writeTinyLatentCache(join(root, 'latents'));
  await initRuntime({ backend: 'wasm', threads: 1 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cfgFor = (kind: 'dm' | 'ns', out: string, extra: string[] = []) =>
  loadEmulatorStageConfig(join(CONFIGS, `${kind}-tiny.yaml`), [`data.path=${cache}`, `out=${out}`, ...extra]);

function weightsOf(dir: string): Map<string, number[]> {
  const { tensors } = loadSafetensors(join(dir, 'weights.safetensors'));
  const out = new Map<string, number[]>();
  for (const [k, t] of tensors) {
    out.set(k, Array.from(t.dataSync()));
    t.dispose();
  }
  return out;
}
const trainLosses = (run: string) =>
  readLog(join(run, 'log.jsonl'))
    .filter((r) => r.kind === 'train')
    .map((r) => r.loss);

describe('lola-train dm / ns (in process)', () => {
  for (const kind of ['dm', 'ns'] as const) {
    it(`${kind}: trains, logs, checkpoints, leaks no tensors; the run loads back and rolls out`, async () => {
      const out = join(root, `${kind}-a`);
      const before = tf.memory().numTensors;
      const { result, resolved } = await trainEmulator(kind, cfgFor(kind, out), `${kind}-tiny`, quiet);
      expect(tf.memory().numTensors).toBe(before);
      expect(result.state.step).toBe(6);
      expect(resolved.model).toMatchObject({ channels: 2, spatial: 3, labelFeatures: 5, patchSize: [1, 1, 1] });
      expect(resolved.info).toMatchObject({ tokens: 80, trainWindows: 20, validWindows: 10, totalSteps: 6 });
      const log = readLog(join(out, 'log.jsonl'));
      expect(log.filter((r) => r.kind === 'train').map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(log.filter((r) => r.kind === 'valid').map((r) => r.step)).toEqual([3, 6]);
      for (const r of log) expect(Number.isFinite(r.loss)).toBe(true);
      expect(existsSync(join(out, 'best/weights.safetensors')) && existsSync(join(out, 'last/optimizer.safetensors'))).toBe(true);

      const run = loadEmulatorRun(out);
      expect(run.kind).toBe(kind);
      const x = tf.randomNormal([2, 4, 4, 2]);
      const label = tf.tensor2d([[1.4, 2, 2, 2, 2]]);
      const emulate =
        run.kind === 'dm'
          ? diffusionEmulator(run.params, { schedule: run.schedule, rng: new Rng(1), steps: 4, label })
          : solverEmulator(run.params, { label });
      const frames = rollout(emulate, x, { rollout: 17, ensemble: 2 });
      expect(frames.shape).toEqual([2, 17, 4, 4, 2]);
      expect(Array.from(frames.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([x, label, frames]);
      disposeParams(run.params);
    });
  }

  it('resumes after a crash with the same weights and losses as an uninterrupted run', async () => {
    const a = join(root, 'resume-a');
    const b = join(root, 'resume-b');
    await trainEmulator('dm', cfgFor('dm', a, ['train.checkpointEvery=2']), 'dm-tiny', quiet);
    await expect(
      trainEmulator('dm', cfgFor('dm', b, ['train.checkpointEvery=2']), 'dm-tiny', {
        ...quiet,
        beforeStep: (s) => {
          if (s === 5) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(JSON.parse(readFileSync(join(b, 'last/state.json'), 'utf8')).step).toBe(4);
    const { result } = await trainEmulator('dm', cfgFor('dm', b, ['train.checkpointEvery=2']), 'dm-tiny', quiet);
    expect(result.resumed).toBe(true);
    expect(weightsOf(join(b, 'last'))).toEqual(weightsOf(join(a, 'last')));
    expect(trainLosses(b)).toEqual(trainLosses(a));
  });

  it('gives clear errors for bad configs and data', async () => {
    expect(() => cfgFor('dm', join(root, 'x'), ['model.hidChanels=8'])).toThrow(
      /model.hidChanels: unknown key \(did you mean "model.hidChannels"\?\)/,
    );
    expect(() => cfgFor('dm', join(root, 'x'), ['model.heads=3'])).toThrow(/model.heads: 3 does not divide model.hidChannels = 16/);
    expect(() => cfgFor('dm', join(root, 'x'), ['mask.rho=2'])).toThrow(/mask.rho: expected a number ≥ 0 and ≤ 1, got 2/);
    expect(() => cfgFor('ns', join(root, 'x'), ['train.maxSkippedFraction=-0.1'])).toThrow(
      /train.maxSkippedFraction: expected a number ≥ 0 and ≤ 1, got -0.1/,
    );
    await expect(
      trainEmulator('dm', cfgFor('dm', join(root, 'x'), [`data.path=${join(root, 'nothing')}`]), 'dm-tiny', quiet),
    ).rejects.toThrow(/latent cache split not found/);
    await expect(trainEmulator('dm', cfgFor('dm', join(root, 'x'), ['data.stride=3']), 'dm-tiny', quiet)).rejects.toThrow(
      /9 steps is not enough for 5 input and 0 output steps with a minimum stride of 3/,
    );
    await expect(trainEmulator('dm', cfgFor('dm', join(root, 'x'), ['data.source=well']), 'dm-tiny', quiet)).rejects.toThrow(
      /supported for ns only/,
    );
  });

  it('ns --pixel: a patched ViT on a Well dataset', async () => {
    const dataset = await writeTinyEulerDataset(root, 'euler_tiny', { resolution: 8, frames: 6 });
    const out = join(root, 'ns-pixel');
    const cfg = cfgFor('ns', out, [
      `data.path=${dataset}`,
      'data.source=well',
      'model.patchSize=[1, 4, 4]',
      'data.statsSamples=8',
      'data.transform={energy: log1p, density: log1p, pressure: log1p}',
    ]);
    const { result, resolved } = await trainEmulator('ns', cfg, 'ns-tiny', quiet);
    expect(result.state.step).toBe(6);
    expect(resolved.model).toMatchObject({ channels: 5, spatial: 3, patchSize: [1, 4, 4], labelFeatures: 5 });
    expect(resolved.info).toMatchObject({ tokens: 20 });
    expect(resolved.data.mean).toHaveLength(5);
    const run = loadEmulatorRun(out);
    expect(run.kind === 'ns' && run.params.backbone.in_proj.weight.shape).toEqual([160, 16]);
    disposeParams(run.params);
  });
});

describe('lola-train dm (CLI)', () => {
  it('runs from the command line and prints where the run is', async () => {
    const { spawnSync } = await import('node:child_process');
    const out = join(root, 'cli-dm');
    const res = spawnSync(
      process.execPath,
      [
        '--conditions=@lola-ts/source',
        '--import',
        'tsx',
        MAIN,
        'dm',
        '--config',
        join(CONFIGS, 'dm-tiny.yaml'),
        '--backend',
        'wasm',
        '--threads',
        '1',
        `data.path=${cache}`,
        `out=${out}`,
        'train.epochs=1',
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/\[dm\] done at step 3: best validation loss [0-9.]+ at step 3/);
    expect(existsSync(join(out, 'last/weights.safetensors'))).toBe(true);
    const bad = spawnSync(
      process.execPath,
      ['--conditions=@lola-ts/source', '--import', 'tsx', MAIN, 'ns', '--config', join(CONFIGS, 'ns-tiny.yaml'), 'stray'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unexpected argument 'stray'/);
  });
});
