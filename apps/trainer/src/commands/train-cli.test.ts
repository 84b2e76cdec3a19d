/** The training commands as programs: signals, kill -9 and resume, exit codes (the recipes are tested in @lola-ts/experiment). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkpointWeights as weightsOf,
  loadAeStageConfig,
  QUIET as quiet,
  testRoot,
  trainAutoencoder,
  trainLosses,
  writeTinyEulerDataset,
  writeTinyLatentCache,
} from '@lola-ts/experiment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIGS = resolve(here, '../../../../configs');
const CONFIG = join(CONFIGS, 'ae-tiny.yaml');
const MAIN = resolve(here, '../main.ts');
let root: string;
let remove: () => void;
let dataset: string;
let cache: string;

beforeAll(async () => {
  ({ root, remove } = await testRoot('train-cli'));
  dataset = await writeTinyEulerDataset(root);
  cache = await writeTinyLatentCache(join(root, 'latents'));
});
afterAll(() => remove());

/** Node's arguments for `lola-train ae` from source on the wasm backend, one thread. */
const aeCli = (out: string, args: string[]) => [
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

describe('lola-train ae (CLI)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('stops on %s: saves last/ at the current step, says where, exits %i', async (sig, exitCode) => {
    const out = join(root, `${sig}-run`);
    const args = [`data.path=${dataset}`, 'train.epochs=50', 'train.stepsPerEpoch=6', 'data.statsSamples=8', 'data.validSamples=2'];
    const child = spawn(process.execPath, aeCli(out, args), { stdio: ['ignore', 'ignore', 'pipe'] });
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
    const child = spawn(process.execPath, aeCli(out, args), { stdio: ['ignore', 'ignore', 'pipe'] });
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

describe('lola-train dm (CLI)', () => {
  it('runs from the command line and prints where the run is', async () => {
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
