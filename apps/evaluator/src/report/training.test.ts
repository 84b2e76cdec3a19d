import { Rng } from '@lola-ts/numerics';
import { conv, initConv, learningRate, runPaths, trainLoop } from '@lola-ts/nn-blocks';
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTrainingSection } from './training-section.js';
import { findTrainingRuns, readTrainingRun, sortRuns } from './training-runs.js';

const STEPS = 12,
  SPE = 4;
let root: string;

/** A real (tiny) trainer run: nn-blocks trainLoop writing log.jsonl, and a config.yaml like lola-train's. */
async function trainRun(dir: string, config: string, seed: number) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), config);
  const params = initConv(new Rng(seed), 1, 1);
  const x = tf.randomNormal([4, 4, 4, 1], 0, 1, 'float32', seed);
  const y = tf.mul(x, 0.5);
  try {
    await trainLoop({
      run: runPaths(dir),
      params,
      seed,
      totalSteps: STEPS,
      stepsPerEpoch: SPE,
      progress: false,
      schedule: { lr: 1e-2, kind: 'cosine', granularity: 'step', warmupSteps: 3 },
      batch: () => [] as tf.Tensor[],
      loss: (p) => tf.tidy(() => tf.mean(tf.square(tf.sub(conv(p, x as tf.Tensor4D), y))) as tf.Scalar),
      validate: (p) => tf.tidy(() => tf.mean(tf.square(tf.sub(conv(p, x as tf.Tensor4D), y))).dataSync()[0]!),
    });
  } finally {
    tf.dispose([x, y]);
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(path.join(os.tmpdir(), 'lola-training-'));
  await trainRun(
    path.join(root, 'runs/ns-c4'),
    'stage: ns\ndata: { source: latent, compressionRate: 320 }\ntrain: { seed: 1 }\ninfo: { totalSteps: 12, parameters: 2 }\n',
    1,
  );
  await trainRun(
    path.join(root, 'runs/ae-c64'),
    'ae: { latChannels: 64 }\ntrain: { seed: 0 }\ninfo: { compressionRate: 20, totalSteps: 12, parameters: 2 }\n',
    0,
  );
  mkdirSync(path.join(root, 'runs/latents-c64')); // not a run: skipped when listing runs/
});

describe('training section', () => {
  it("reads the trainer's log: loss and learning rate per step, validation per epoch, stage, rate and seed", () => {
    const run = readTrainingRun(path.join(root, 'runs/ae-c64'));
    expect(run).toMatchObject({ name: 'ae-c64', stage: 'ae', compressionRate: 20, seed: 0, totalSteps: 12, parameters: 2 });
    expect(run.train.map((t) => t.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    const schedule = {
      lr: 1e-2,
      kind: 'cosine' as const,
      granularity: 'step' as const,
      warmupSteps: 3,
      totalSteps: STEPS,
      stepsPerEpoch: SPE,
    };
    expect(run.train.map((t) => t.lr)).toEqual(Array.from({ length: STEPS }, (_, s) => learningRate(schedule, s)));
    expect(run.valid.map((v) => v.step)).toEqual([4, 8, 12]);
    expect(run.train.every((t) => t.loss !== null && t.loss > 0)).toBe(true);
    expect(readTrainingRun(path.join(root, 'runs/ns-c4'))).toMatchObject({ stage: 'ns', compressionRate: 320, seed: 1 });
  });

  it('lists the runs of a directory in reading order and refuses what is not a run', () => {
    const runs = sortRuns(findTrainingRuns([path.join(root, 'runs')]).map(readTrainingRun));
    expect(runs.map((r) => r.name)).toEqual(['ae-c64', 'ns-c4']);
    expect(() => findTrainingRuns([path.join(root, 'runs/latents-c64')])).toThrow(
      /neither a run directory \(config.yaml \+ log.jsonl\) nor a directory holding runs/,
    );
    expect(() => findTrainingRuns([path.join(root, 'nope')])).toThrow(/--runs .*nope: no such directory/);
  });

  it('renders a summary row, a loss chart and a learning-rate chart per run, with the seeds', async () => {
    const runs = sortRuns(findTrainingRuns([path.join(root, 'runs')]).map(readTrainingRun));
    const html = await renderTrainingSection(runs);
    expect(html).toContain('<h2>Training</h2>');
    expect(html).toContain('Seeds of the runs: 0, 1.');
    expect((html.match(/<div class="train-chart"><svg/g) ?? []).length).toBe(4);
    expect(html).toContain('ae-c64 (ae, 20×, seed 0): loss');
    expect(html).toContain('ns-c4 (ns, 320×, seed 1): learning rate');
    expect(html).toMatch(/<tr><td>ae-c64<\/td><td>ae<\/td><td>20×<\/td><td>0<\/td><td>12 \/ 12<\/td>/);
    expect(await renderTrainingSection([])).toBe('');
  });
});
