import { Rng } from '@lola-ts/numerics';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { diffusionEmulator, rollout, solverEmulator } from '@lola-ts/emulation';
import { disposeParams, readLog } from '@lola-ts/nn-blocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmulatorRun } from '../runs/emulator-run.js';
import { loadEmulatorStageConfig } from '../stages/emulator.js';
import { writeTinyEulerDataset, writeTinyLatentCache } from '../testing/fixtures.js';
import { checkpointWeights as weightsOf, QUIET as quiet, testRoot, trainLosses } from '../testing/runs.js';
import { trainEmulator } from './train-emulator.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIGS = resolve(here, '../../../../configs');
let root: string;
let remove: () => void;
let cache: string;

beforeAll(async () => {
  ({ root, remove } = await testRoot('emu'));
  cache = await writeTinyLatentCache(join(root, 'latents'));
});
afterAll(() => remove());

const cfgFor = (kind: 'dm' | 'ns', out: string, extra: string[] = []) =>
  loadEmulatorStageConfig(join(CONFIGS, `${kind}-tiny.yaml`), [`data.path=${cache}`, `out=${out}`, ...extra]);

describe('trainEmulator (dm / ns)', () => {
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
