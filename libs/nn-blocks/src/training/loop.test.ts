import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { readTrainingState } from '../checkpoint/checkpoint.js';
import { collectProvenance } from '../config/provenance.js';
import { conv, initConv } from '../layers/conv.js';
import { initResBlock, resBlock } from '../layers/resblock.js';
import { disposeParams, namedParams } from '../params/tree.js';
import { readLog } from './logger.js';
import { trainLoop, type TrainLoopOptions } from './loop.js';
import { openRun, runPaths } from './run-dir.js';
import { BatchOrder } from './seeds.js';

let root: string;
let data: { x: tf.Tensor4D; y: tf.Tensor4D };
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(join(tmpdir(), 'nn-train-'));
  const x = tf.randomNormal([12, 4, 4, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
  data = { x, y: tf.tidy(() => tf.mul(tf.sin(x), 0.5)) as tf.Tensor4D };
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  tf.dispose([data.x, data.y]);
});

function makeModel(initSeed: number) {
  const rng = new Rng(initSeed);
  return { stem: initConv(rng, 1, 4), block: initResBlock(rng, 4), head: initConv(rng, 4, 1) };
}
type Model = ReturnType<typeof makeModel>;

function options(
  dir: string,
  params: Model,
  extra: Partial<TrainLoopOptions<Model, tf.Tensor[]>> = {},
): TrainLoopOptions<Model, tf.Tensor[]> {
  const order = new BatchOrder(3, 12, 4);
  return {
    run: runPaths(dir),
    params,
    seed: 3,
    totalSteps: 9,
    stepsPerEpoch: 3,
    schedule: { lr: 1e-2 },
    optimizer: { beta2: 0.99, clipNorm: 1 },
    progress: false,
    batch: (step) => {
      const idx = tf.tensor1d(order.indices(step), 'int32');
      const b = [tf.gather(data.x, idx), tf.gather(data.y, idx)];
      idx.dispose();
      return b;
    },
    loss: (p, [x, y], ctx) =>
      tf.tidy(() => {
        const h = resBlock(p.block, conv(p.stem, x!), { training: true, rng: ctx.rng, dropout: 0.1 });
        return tf.mean(tf.abs(tf.sub(conv(p.head, h), y!))) as tf.Scalar;
      }),
    validate: (p) => tf.tidy(() => tf.mean(tf.abs(tf.sub(conv(p.head, resBlock(p.block, conv(p.stem, data.x))), data.y))).dataSync()[0]!),
    ...extra,
  };
}

function values(p: Model): Map<string, Float32Array> {
  return new Map([...namedParams(p)].map(([k, v]) => [k, v.dataSync().slice() as Float32Array]));
}
function stripTime(path: string) {
  return readLog(path).map(({ time: _t, ...r }) => r);
}

describe('trainLoop', () => {
  let reference: Map<string, Float32Array>;
  let referenceLog: Record<string, unknown>[];

  it('trains, logs each step and validation, saves best and last, reduces the loss', async () => {
    const dir = join(root, 'full');
    const p = makeModel(10);
    const r = await trainLoop(options(dir, p));
    expect(r.state.step).toBe(9);
    expect(r.state.epoch).toBe(3);
    expect(r.resumed).toBe(false);
    const log = readLog(join(dir, 'log.jsonl'));
    const train = log.filter((x) => x.kind === 'train');
    const valid = log.filter((x) => x.kind === 'valid');
    expect(train.map((x) => x.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(valid.map((x) => x.step)).toEqual([3, 6, 9]);
    for (const x of train) for (const k of ['loss', 'lr', 'gradNorm', 'time', 'epoch']) expect(typeof x[k]).toBe('number');
    expect(train[0]!.lr).toBe(1e-2); // cosine per epoch: full lr during epoch 0
    expect(train[3]!.lr).toBeCloseTo(1e-2 * 0.75, 12);
    expect((valid[2]!.loss as number) < (valid[0]!.loss as number)).toBe(true);
    const best = readTrainingState(join(dir, 'best'));
    expect(best.bestValidation).toBe(Math.min(...valid.map((v) => v.loss as number)));
    expect(existsSync(join(dir, 'best', 'optimizer.safetensors'))).toBe(false);
    expect(readTrainingState(join(dir, 'last')).step).toBe(9);
    reference = values(p);
    referenceLog = stripTime(join(dir, 'log.jsonl'));
    disposeParams(p);
  });

  it('resumes after a crash with exactly the results of the uninterrupted run', async () => {
    const dir = join(root, 'crash');
    const p1 = makeModel(10);
    const opts = options(dir, p1, { checkpointEvery: 2 });
    const crashing = { ...opts, batch: (s: number, rng: Rng) => (s === 7 ? Promise.reject(new Error('killed')) : opts.batch(s, rng)) };
    await expect(trainLoop(crashing)).rejects.toThrow('killed');
    expect(readTrainingState(join(dir, 'last')).step).toBe(6);
    disposeParams(p1);
    // a new process: different initial weights, which the checkpoint overwrites
    const p2 = makeModel(99);
    const r = await trainLoop(options(dir, p2, { checkpointEvery: 2 }));
    expect(r.resumed).toBe(true);
    expect(r.state.step).toBe(9);
    for (const [k, v] of values(p2)) expect(Buffer.from(v.buffer).equals(Buffer.from(reference.get(k)!.buffer))).toBe(true);
    expect(stripTime(join(dir, 'log.jsonl'))).toEqual(referenceLog);
    disposeParams(p2);
  });

  it('stops on an abort signal after saving last/, and continues from there', async () => {
    const dir = join(root, 'abort');
    const ac = new AbortController();
    const p1 = makeModel(10);
    const opts = options(dir, p1);
    const r1 = await trainLoop({ ...opts, signal: ac.signal, batch: (s, rng) => (s === 4 && ac.abort(), opts.batch(s, rng)) });
    expect(r1.stopped).toBe(true);
    expect(r1.state.step).toBe(5);
    disposeParams(p1);
    const p2 = makeModel(5);
    await trainLoop(options(dir, p2));
    for (const [k, v] of values(p2)) expect(Array.from(v)).toEqual(Array.from(reference.get(k)!));
    disposeParams(p2);
  });

  it('skips non-finite steps and does not leak tensors over many steps', async () => {
    const dir = join(root, 'leak');
    const p = makeModel(1);
    const counts: number[] = [];
    const opts = options(dir, p, { totalSteps: 40, stepsPerEpoch: 10 });
    let frozen: Map<string, Float32Array> | null = null;
    await trainLoop({
      ...opts,
      batch: (s, rng) => {
        counts.push(tf.memory().numTensors);
        if (s === 13) frozen = values(p);
        if (s === 14) for (const [k, v] of values(p)) expect(Array.from(v)).toEqual(Array.from(frozen!.get(k)!));
        return opts.batch(s, rng);
      },
      loss: (params, b, ctx) => (ctx.step === 13 ? tf.tidy(() => tf.mul(opts.loss(params, b, ctx), NaN)) : opts.loss(params, b, ctx)),
    });
    // step 0 creates the AdamW moments; afterwards the count is constant
    expect(new Set(counts.slice(1)).size).toBe(1);
    const rec = readLog(join(dir, 'log.jsonl')).find((x) => x.kind === 'train' && x.step === 14)!;
    expect(rec.skipped).toBe(true);
    expect(rec.loss).toBeNull();
    disposeParams(p);
  });
});

describe('openRun', () => {
  const config = { ae: { latChannels: 4 }, data: { stats: { mean: [0.5], std: [2] } }, train: { steps: 9 } };

  it('writes the resolved config with provenance, and guards resumes', async () => {
    const dir = join(root, 'run-a');
    const fresh = openRun(dir, config, { provenance: collectProvenance() });
    expect(fresh.resumeFrom).toBeNull();
    const text = readFileSync(fresh.paths.config, 'utf8');
    expect(text).toMatch(/latChannels: 4/);
    expect(text).toMatch(/"@lola-ts\/nn-blocks": \d+\.\d+\.\d+/);
    expect(text).toMatch(/mean:\n\s+- 0.5/);
    expect(() => openRun(join(root, 'run-none'), config, { resume: 'require' })).toThrow(/no checkpoint in/);
    const p = makeModel(0);
    await trainLoop(options(dir, p, { totalSteps: 3 }));
    expect(openRun(dir, config).resumeFrom!.step).toBe(3);
    expect(() => openRun(dir, config, { resume: 'never' })).toThrow(/already holds a checkpoint \(last\/ at step 3\)/);
    expect(() => openRun(dir, { ...config, ae: { latChannels: 8 } })).toThrow(/config differs from .*config\.yaml at ae\.latChannels/);
    expect(openRun(dir, { ...config, train: { steps: 20 } }, { allowChanged: ['train'] }).resumeFrom!.step).toBe(3);
    disposeParams(p);
  });
});
