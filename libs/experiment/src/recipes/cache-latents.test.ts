import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { encode, preprocessStates } from '@lola-ts/autoencoders';
import { disposeParams } from '@lola-ts/nn-blocks';
import { openLatentStore, openWellFile } from '@lola-ts/well-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAutoencoderRun, type AutoencoderRun } from '../runs/autoencoder-run.js';
import { readCacheManifest } from '../runs/manifest.js';
import { loadAeStageConfig } from '../stages/ae.js';
import { writeTinyEulerDataset } from '../testing/fixtures.js';
import { QUIET as quiet, testRoot } from '../testing/runs.js';
import { drawKey, trajectoryDraws } from './augment-draws.js';
import { cacheLatents, type CacheOptions } from './cache-latents.js';
import { trainAutoencoder } from './train-autoencoder.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONFIG = resolve(here, '../../../../configs/ae-tiny.yaml');
let root: string;
let remove: () => void;
let dataset: string;
let runDir: string;
let run: AutoencoderRun;

beforeAll(async () => {
  ({ root, remove } = await testRoot('cache'));
  dataset = await writeTinyEulerDataset(root, 'euler_tiny', { bc: 'PERIODIC', gamma: 1.3 });
  runDir = join(root, 'ae-run');
  const cfg = loadAeStageConfig(CONFIG, [
    `data.path=${dataset}`,
    `out=${runDir}`,
    'train.epochs=1',
    'train.stepsPerEpoch=2',
    'data.statsSamples=8',
  ]);
  await trainAutoencoder(cfg, 'ae-tiny', quiet);
  run = loadAutoencoderRun(runDir);
});
afterAll(() => {
  disposeParams(run.ae);
  remove();
});

const opts = (out: string, extra: Partial<CacheOptions> = {}): CacheOptions => ({
  data: dataset,
  out,
  repeat: 2,
  splits: ['train', 'valid', 'test'],
  seed: 0,
  batch: 3,
  ...quiet,
  ...extra,
});

async function readStore(path: string) {
  const s = await openLatentStore(path);
  const states = Array.from({ length: s.nTrajectories }, (_, i) => Array.from(s.readStates(i).data));
  const labels = Array.from({ length: s.nTrajectories }, (_, i) => Array.from(s.readLabel(i)));
  const meta = s.meta;
  s.close();
  return { states, labels, meta };
}

describe('augmentation draws for cached copies (docs/method.md §3)', () => {
  it('are distinct when enough distinct draws exist, and reproducible', () => {
    const ctx = {
      gridType: 'cartesian',
      resolution: [8, 8],
      boundaryConditions: [
        [1, 1],
        [1, 1],
      ],
    };
    const names = ['random_axis_flip', 'random_axis_permute', 'random_axis_roll'] as const;
    // open BCs: 4 flips × 2 permutations = 8 distinct augmentations
    const { draws, duplicates } = trajectoryDraws([...names], 8, 0, 'train', 3, ctx);
    expect(duplicates).toBe(0);
    expect(new Set(draws.map((d) => drawKey(d, 2))).size).toBe(8);
    expect(trajectoryDraws([...names], 8, 0, 'train', 3, ctx).draws).toEqual(draws);
    // 9 copies cannot all differ: one duplicate is kept
    expect(trajectoryDraws([...names], 9, 0, 'train', 3, ctx).duplicates).toBe(1);
  });
});

describe('cacheLatents', () => {
  it('encodes every split: train × repeat augmented copies, labels = γ + BC codes, test un-augmented', async () => {
    const out = join(root, 'cache-a');
    const before = tf.memory().numTensors;
    const summary = await cacheLatents(run, opts(out));
    expect(tf.memory().numTensors).toBe(before);
    expect(summary.map((s) => [s.split, s.trajectories, s.written])).toEqual([
      ['train', 8, 8],
      ['valid', 2, 2],
      ['test', 2, 2],
    ]);
    const manifest = readCacheManifest(out);
    expect([manifest.stage, manifest.legacy]).toEqual(['cache', false]);
    expect(manifest.cache).toMatchObject({
      aeRunId: 'ae-run',
      repeat: 2,
      labels: ['gamma', 'bc_x_lower', 'bc_x_upper', 'bc_y_lower', 'bc_y_upper'],
    });
    const train = await readStore(join(out, 'train.h5'));
    expect(train.meta).toMatchObject({ aeRunId: 'ae-run', compressionRate: 5, nSteps: 4, latentShape: [8, 8, 4], labelDim: 5 });
    for (const l of train.labels) expect(l.map((v) => Number(v.toFixed(5)))).toEqual([1.3, 2, 2, 2, 2]);
    for (let g = 0; g < 4; g++) expect(train.states[2 * g]).not.toEqual(train.states[2 * g + 1]);
    for (const s of train.states) for (const v of s) expect(Math.abs(v)).toBeLessThan(5);

    // the test split holds the plain (un-augmented) encoding of each trajectory
    const test = await readStore(join(out, 'test.h5'));
    const f = await openWellFile(join(dataset, 'data/test/tiny.hdf5'));
    const fields = f.readFields(1);
    f.close();
    const x = preprocessStates(run.data, fields.data);
    const z = tf.tidy(() => encode(run.ae, tf.tensor(x.subarray(0, 3 * 16 * 16 * 5), [3, 16, 16, 5])));
    expect(test.states[1]!.slice(0, 3 * 256)).toEqual(Array.from(z.dataSync()));
    z.dispose();

    // a second run finds everything done
    const again = await cacheLatents(run, opts(out));
    expect(again.map((s) => s.written)).toEqual([0, 0, 0]);
  });

  it('resumes an interrupted cache and ends with the same stores', async () => {
    const a = join(root, 'cache-a');
    const b = join(root, 'cache-b');
    await expect(
      cacheLatents(run, {
        ...opts(b),
        afterAppend: (split, entry) => {
          if (split === 'train' && entry === 4) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const summary = await cacheLatents(run, opts(b));
    expect(summary[0]).toMatchObject({ split: 'train', skipped: 5, written: 3 });
    for (const split of ['train', 'valid', 'test']) {
      const [sa, sb] = [await readStore(join(a, `${split}.h5`)), await readStore(join(b, `${split}.h5`))];
      expect(sb.states).toEqual(sa.states);
      expect(sb.labels).toEqual(sa.labels);
    }
  });

  it('rejects a dataset whose fields do not match the autoencoder', async () => {
    const other = await writeTinyEulerDataset(root, 'other', {
      scalarFields: ['density', 'pressure', 'energy'],
      trajectories: { train: 1, valid: 1, test: 1 },
    });
    await expect(cacheLatents(run, { ...opts(join(root, 'cache-x')), data: other })).rejects.toThrow(
      /the dataset's fields \[density, pressure, energy, momentum_x, momentum_y\] do not match the autoencoder's \[energy, density, pressure, momentum_x, momentum_y\]/,
    );
  });

  it('reports a missing or corrupt checkpoint clearly', () => {
    const copy = join(root, 'ae-copy');
    cpSync(runDir, copy, { recursive: true });
    rmSync(join(copy, 'last'), { recursive: true });
    expect(() => loadAutoencoderRun(copy)).toThrow(/checkpoint not found: .*ae-copy\/last/);
    expect(() => loadAutoencoderRun(join(root, 'nope'))).toThrow(/autoencoder run not found/);
    writeFileSync(join(copy, 'best/weights.safetensors'), 'garbage');
    expect(() => loadAutoencoderRun(copy, { checkpoint: 'best' })).toThrow(/ae-copy\/best\/weights.safetensors/);
  });
});
