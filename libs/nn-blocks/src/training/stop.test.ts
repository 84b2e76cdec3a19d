import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readTrainingState } from '../checkpoint/checkpoint.js';
import { linear } from '../layers/linear.js';
import { disposeParams } from '../params/tree.js';
import { cpuRunsDir, makeModel, type Model } from './loop-fixture.js';
import { trainLoop, type TrainLoopOptions } from './loop.js';
import { runPaths } from './run-dir.js';

const runDir = cpuRunsDir('nn-stop-');

function options(dir: string, p: Model, signal: AbortSignal, onStep: (s: number) => void = () => {}): TrainLoopOptions<Model, tf.Tensor[]> {
  return {
    run: runPaths(dir),
    params: p,
    seed: 0,
    totalSteps: 20,
    stepsPerEpoch: 10,
    schedule: { lr: 1e-2 },
    progress: false,
    signal,
    batch: (step) => (onStep(step), [tf.tensor2d([[1, step % 3]]), tf.tensor2d([[1]])]),
    loss: (params, [x, y]) => tf.tidy(() => tf.mean(tf.square(tf.sub(linear(params.fc, x!), y!))) as tf.Scalar),
  };
}

describe('trainLoop stop signal (SIGINT/SIGTERM)', () => {
  it('stops mid-epoch after saving last/ at the current step', async () => {
    const dir = runDir('mid');
    const ac = new AbortController();
    const p = makeModel();
    const r = await trainLoop(options(dir, p, ac.signal, (s) => s === 6 && ac.abort()));
    expect(r).toMatchObject({ stopped: true, state: { step: 7 } });
    expect(readTrainingState(join(dir, 'last')).step).toBe(7);
    disposeParams(p);
  });

  it('an abort that arrived before the first step saves step 0 and runs no step', async () => {
    const dir = runDir('early');
    const ac = new AbortController();
    ac.abort();
    const p = makeModel();
    const steps: number[] = [];
    const r = await trainLoop(options(dir, p, ac.signal, (s) => steps.push(s)));
    expect(r).toMatchObject({ stopped: true, state: { step: 0 } });
    expect(steps).toEqual([]);
    expect(readTrainingState(join(dir, 'last')).step).toBe(0);
    disposeParams(p);
  });

  it('on resume, an immediate abort does not rewrite the checkpoint it loaded', async () => {
    const dir = runDir('resume');
    const p = makeModel();
    const first = new AbortController();
    await trainLoop(options(dir, p, first.signal, (s) => s === 3 && first.abort()));
    const before = statSync(join(dir, 'last', 'state.json')).mtimeMs;
    const again = new AbortController();
    again.abort();
    const r = await trainLoop(options(dir, p, again.signal));
    expect(r).toMatchObject({ stopped: true, resumed: true, state: { step: 4 } });
    expect(statSync(join(dir, 'last', 'state.json')).mtimeMs).toBe(before);
    disposeParams(p);
  });
});
