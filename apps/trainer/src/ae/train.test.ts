import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { encode, loadAutoencoderRun, preprocessStates } from '@lola-ts/autoencoders';
import { disposeParams, initRuntime, loadSafetensors, readLog } from '@lola-ts/nn-blocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAeStageConfig } from './config.js';
import { writeTinyEulerDataset } from './testing.js';
import { trainAutoencoder } from './train.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIG = resolve(here, '../../../../configs/ae-tiny.yaml');
const MAIN = resolve(here, '../main.ts');
let root: string;
let dataset: string;
const quiet = { progress: false as const, log: () => {} };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lola-ae-'));
  dataset = await writeTinyEulerDataset(root);
  await initRuntime({ backend: 'wasm', threads: 1 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cfgFor = (out: string, extra: string[] = []) =>
  loadAeStageConfig(CONFIG, [
    `data.path=${dataset}`,
    `out=${out}`,
    'train.epochs=2',
    'train.stepsPerEpoch=3',
    'data.statsSamples=8',
    ...extra,
  ]);

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

describe('lola-train ae (in process)', () => {
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
      /data.transform.vorticity: the dataset has no channel 'vorticity' \(channels: energy, density, pressure, momentum_x, momentum_y\)/,
    );
    await expect(trainAutoencoder(cfgFor(join(root, 'x'), ['ae.pixChannels=3']), 'ae-tiny', quiet)).rejects.toThrow(
      /ae.pixChannels is 3 but the dataset .* has 5 channels/,
    );
  });
});

describe('lola-train ae and non-finite data', () => {
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

describe('lola-train ae (CLI)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('stops on %s: saves last/ at the current step, says where, exits %i', async (sig, exitCode) => {
    const out = join(root, `${sig}-run`);
    const args = [`data.path=${dataset}`, 'train.epochs=50', 'train.stepsPerEpoch=6', 'data.statsSamples=8', 'data.validSamples=2'];
    const cli = [
      '--conditions=@lola-ts/source',
      '--import',
      'tsx',
      MAIN,
      'ae',
      '--config',
      CONFIG,
      '--backend',
      'wasm',
      '--threads',
      '1',
      `out=${out}`,
      ...args,
    ];
    const child = spawn(process.execPath, cli, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setInterval(() => {
      const log = join(out, 'log.jsonl');
      if (existsSync(log) && readFileSync(log, 'utf8').includes('"train"')) {
        clearInterval(timer);
        child.kill(sig);
      }
    }, 20);
    const code = await new Promise<number | null>((done) => child.once('close', (c) => done(c)));
    clearInterval(timer);
    expect(code, stderr).toBe(exitCode);
    const step = (JSON.parse(readFileSync(join(out, 'last/state.json'), 'utf8')) as { step: number }).step;
    expect(step).toBeGreaterThanOrEqual(1);
    expect(step).toBeLessThan(300);
    expect(stderr).toContain(`[ae] stopped by ${sig} at step ${step} of 300: checkpoint saved in ${join(out, 'last')}`);
    expect(stderr).not.toMatch(/\[ae\] done/);
  });

  it('resumes after kill -9 and ends with the weights of an uninterrupted run', async () => {
    const args = [`data.path=${dataset}`, 'train.epochs=2', 'train.stepsPerEpoch=6', 'data.statsSamples=8', 'train.checkpointEvery=1'];
    const ref = join(root, 'kill-ref');
    await trainAutoencoder(loadAeStageConfig(CONFIG, [...args, `out=${ref}`]), 'ae-tiny', quiet);

    const out = join(root, 'kill-run');
    const cli = [
      '--conditions=@lola-ts/source',
      '--import',
      'tsx',
      MAIN,
      'ae',
      '--config',
      CONFIG,
      '--backend',
      'wasm',
      '--threads',
      '1',
      `out=${out}`,
      ...args,
    ];
    const child = spawn(process.execPath, cli, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const killedAt = await new Promise<number>((done, fail) => {
      const timer = setInterval(() => {
        const log = join(out, 'log.jsonl');
        const steps = existsSync(log)
          ? readFileSync(log, 'utf8')
              .split('\n')
              .filter((l) => l.includes('"train"')).length
          : 0;
        if (steps >= 4) {
          clearInterval(timer);
          child.kill('SIGKILL');
          done(steps);
        }
      }, 20);
      child.on('exit', (code) => {
        clearInterval(timer);
        if (code !== null) fail(new Error(`lola-train ae exited (${code}) before it could be killed:\n${stderr}`));
      });
    });
    await new Promise((r) => child.once('close', r));
    const state = JSON.parse(readFileSync(join(out, 'last/state.json'), 'utf8')) as { step: number };
    expect(killedAt).toBeGreaterThanOrEqual(4);
    expect(state.step).toBeLessThan(12);
    const { result } = await trainAutoencoder(loadAeStageConfig(CONFIG, [...args, `out=${out}`]), 'ae-tiny', quiet);
    expect(result.resumed).toBe(true);
    expect(weightsOf(join(out, 'last'))).toEqual(weightsOf(join(ref, 'last')));
    expect(trainLosses(out)).toEqual(trainLosses(ref));
  });
});
