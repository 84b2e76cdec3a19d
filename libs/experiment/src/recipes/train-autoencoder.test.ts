import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { encode, preprocessStates } from '@lola-ts/autoencoders';
import { disposeParams, readLog } from '@lola-ts/nn-blocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAutoencoderRun } from '../runs/autoencoder-run.js';
import { readRunManifest } from '../runs/manifest.js';
import { loadAeStageConfig } from '../stages/ae.js';
import { writeTinyEulerDataset } from '../testing/fixtures.js';
import { checkpointWeights as weightsOf, QUIET as quiet, testRoot, trainLosses } from '../testing/runs.js';
import { trainAutoencoder } from './train-autoencoder.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIG = resolve(here, '../../../../configs/ae-tiny.yaml');
let root: string;
let remove: () => void;
let dataset: string;

beforeAll(async () => {
  ({ root, remove } = await testRoot('ae'));
  dataset = await writeTinyEulerDataset(root);
});
afterAll(() => remove());

const cfgFor = (out: string, extra: string[] = []) =>
  loadAeStageConfig(CONFIG, [
    `data.path=${dataset}`,
    `out=${out}`,
    'train.epochs=2',
    'train.stepsPerEpoch=3',
    'data.statsSamples=8',
    ...extra,
  ]);

describe('trainAutoencoder', () => {
  it('trains, logs, saves best and last, leaks no tensors, and the run loads back', async () => {
    const out = join(root, 'run-a');
    const before = tf.memory().numTensors;
    const { result, resolved } = await trainAutoencoder(cfgFor(out), 'ae-tiny', quiet);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.state.step).toBe(6);
    expect(resolved.info).toMatchObject({ compressionRate: 5, totalSteps: 6 });
    expect(resolved.data.channels).toEqual(['energy', 'density', 'pressure', 'momentum_x', 'momentum_y']);
    const log = readLog(join(out, 'log.jsonl'));
    expect(log.filter((r) => r.kind === 'train').map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.filter((r) => r.kind === 'valid').map((r) => r.step)).toEqual([3, 6]);
    for (const r of log) expect(Number.isFinite(r.loss)).toBe(true);
    expect(existsSync(join(out, 'best/weights.safetensors')) && existsSync(join(out, 'last/optimizer.safetensors'))).toBe(true);

    const manifest = readRunManifest(out);
    expect(manifest.stage).toBe('ae');
    expect(manifest.legacy).toBe(false);
    const run = loadAutoencoderRun(out);
    expect(run.runId).toBe('run-a');
    expect(run.data.mean).toHaveLength(5);
    const x = new Float32Array(16 * 16 * 5).map((_, i) => 1 + 0.1 * Math.sin(i));
    const z = tf.tidy(() => encode(run.ae, tf.tensor(preprocessStates(run.data, x), [1, 16, 16, 5])));
    expect(z.shape).toEqual([1, 8, 8, 4]);
    z.dispose();
    disposeParams(run.ae);
  });

  it('resumes after a crash with the same weights and losses as an uninterrupted run', async () => {
    const a = join(root, 'resume-a');
    const b = join(root, 'resume-b');
    await trainAutoencoder(cfgFor(a, ['train.checkpointEvery=2']), 'ae-tiny', quiet);
    await expect(
      trainAutoencoder(cfgFor(b, ['train.checkpointEvery=2']), 'ae-tiny', {
        ...quiet,
        beforeStep: (s) => {
          if (s === 5) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(JSON.parse(readFileSync(join(b, 'last/state.json'), 'utf8')).step).toBe(4);
    const { result } = await trainAutoencoder(cfgFor(b, ['train.checkpointEvery=2']), 'ae-tiny', quiet);
    expect(result.resumed).toBe(true);
    expect(weightsOf(join(b, 'last'))).toEqual(weightsOf(join(a, 'last')));
    expect(trainLosses(b)).toEqual(trainLosses(a));
  });

  it('refuses to resume with a changed config or with --fresh', async () => {
    const a = join(root, 'resume-a');
    await expect(trainAutoencoder(cfgFor(a, ['train.checkpointEvery=2', 'train.lr=0.01']), 'ae-tiny', quiet)).rejects.toThrow(
      /config differs .* at train.lr/,
    );
    await expect(trainAutoencoder(cfgFor(a, ['train.checkpointEvery=2']), 'ae-tiny', { ...quiet, fresh: true })).rejects.toThrow(
      /already holds a checkpoint/,
    );
  });

  it('gives clear errors for wrong keys, wrong types and unknown channels', async () => {
    expect(() => cfgFor(join(root, 'x'), ['ae.latChanels=4'])).toThrow(/ae.latChanels: unknown key \(did you mean "ae.latChannels"\?\)/);
    expect(() => cfgFor(join(root, 'x'), ['train.lr=fast'])).toThrow(/train.lr: expected a number > 0, got "fast" \(string\)/);
    expect(() => cfgFor(join(root, 'x'), ['train.loss={mae: 1}'])).toThrow(/train.loss.mae: unknown loss/);
    expect(() => cfgFor(join(root, 'x'), ['ae.hidBlocks=[1]'])).toThrow(/ae.hidBlocks: expected 2 entries/);
    expect(() => cfgFor(join(root, 'x'), ['train.maxSkippedFraction=2'])).toThrow(
      /train.maxSkippedFraction: expected a number ≥ 0 and ≤ 1, got 2/,
    );
    expect(cfgFor(join(root, 'x')).train).not.toHaveProperty('maxSkippedFraction'); // runs from before the key still resume
    expect(cfgFor(join(root, 'x'), ['train.maxSkippedFraction=0.2']).train.maxSkippedFraction).toBe(0.2);
    await expect(trainAutoencoder(cfgFor(join(root, 'x'), ['data.transform={vorticity: log}']), 'ae-tiny', quiet)).rejects.toThrow(
      /data.transform.vorticity: no channel 'vorticity' \(channels: energy, density, pressure, momentum_x, momentum_y\)/,
    );
    await expect(trainAutoencoder(cfgFor(join(root, 'x'), ['ae.pixChannels=3']), 'ae-tiny', quiet)).rejects.toThrow(
      /ae.pixChannels is 3 but the dataset .* has 5 channels/,
    );
  });
});

describe('trainAutoencoder and non-finite data', () => {
  it('NaN in the train or valid split stops the run before any step, naming the place', async () => {
    for (const split of ['train', 'valid'] as const) {
      const bad = await writeTinyEulerDataset(root, `euler_nan_${split}`, {
        poison: { split, trajectory: 1, frame: 2, field: 'pressure' },
      });
      const out = join(root, `nan-${split}`);
      const cfg = loadAeStageConfig(CONFIG, [
        `data.path=${bad}`,
        `out=${out}`,
        'train.epochs=1',
        'train.stepsPerEpoch=2',
        'data.statsSamples=16',
      ]);
      await expect(trainAutoencoder(cfg, 'ae-tiny', quiet)).rejects.toThrow(
        `${join(bad, 'data', split, 'tiny.hdf5')}: non-finite value NaN in field 'pressure' of trajectory 1 at frame 2`,
      );
      expect(existsSync(join(out, 'last'))).toBe(false);
    }
  });
});
