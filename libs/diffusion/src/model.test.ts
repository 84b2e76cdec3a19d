import * as tf from '@tensorflow/tfjs';
import {
  countParams,
  disposeAdamW,
  disposeNamed,
  disposeParams,
  initAdamW,
  optimizerStep,
  paramNames,
  valueAndGrads,
} from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawLossNoise } from './loss.js';
import { diffusionDenoiser, diffusionTrainingLoss, initDiffusionModel } from './model.js';
import { logLogitSchedule } from './schedules/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = { channels: 2, spatial: 3, hidChannels: 16, hidBlocks: 2, heads: 2, embFeatures: 32, labelFeatures: 3, dropout: 0.05 };

describe('diffusion model (ViT + time/label embeddings + EDM)', () => {
  it('has LoLa-style parameter names and denoises windows shaped [B, 5, h, w, C]', () => {
    const p = initDiffusionModel(new Rng(1), config);
    const names = paramNames(p);
    expect(names).toContain('backbone.in_proj.weight');
    expect(names).toContain('backbone.blocks.1.theta');
    expect(names).toContain('time_embedding.3.bias');
    expect(names).toContain('label_embedding.2.weight');
    expect(p.backbone.in_proj.weight.shape).toEqual([4, 16]); // C + C mask channels
    expect(countParams(p)).toBeGreaterThan(10000);
    const x = tf.randomNormal([3, 5, 2, 2, 2]);
    const label = tf.ones([3, 3]);
    const m = tf.onesLike(x);
    const d = diffusionDenoiser(p, { label })(x, tf.tensor1d([0.1, 1, 10]), m);
    expect(d.shape).toEqual(x.shape);
    expect(() => diffusionDenoiser(p)).toThrow(/label/);
    tf.dispose([x, label, m, d]);
    disposeParams(p);
  });

  it('trains: AdamW steps on a fixed batch lower the loss, gradients reach every parameter, no leak', () => {
    const rng = new Rng(2);
    const p = initDiffusionModel(rng, config);
    const schedule = logLogitSchedule();
    const x = tf.tidy(() => tf.mul(tf.sin(tf.reshape(tf.range(0, 4 * 5 * 2 * 2 * 2), [4, 5, 2, 2, 2])), 1));
    const mask = tf.tensor([1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0], [4, 5, 1, 1, 1]);
    const label = tf.tensor2d([
      [1.4, 1, 2],
      [1.4, 1, 2],
      [1.6, 2, 2],
      [1.6, 2, 2],
    ]);
    const draws = drawLossNoise(schedule, x.shape, rng);
    let state = initAdamW(p);
    const losses: number[] = [];
    let steady = 0;
    for (let step = 0; step < 12; step++) {
      if (step === 2) steady = tf.memory().numTensors;
      const { value, grads } = valueAndGrads(p, () => diffusionTrainingLoss(p, { x, mask, label }, draws));
      if (step === 0) {
        for (const [name, g] of grads) {
          const norm = tf.norm(g).dataSync()[0]!;
          expect(Number.isFinite(norm), name).toBe(true);
          expect(norm, name).toBeGreaterThan(0);
        }
      }
      losses.push(value.dataSync()[0]!);
      const res = optimizerStep(p, grads, state, 1e-3, { beta2: 0.99 }, losses[losses.length - 1]);
      state = res.state;
      value.dispose();
      disposeNamed(grads);
    }
    expect(tf.memory().numTensors).toBe(steady);
    expect(losses[11]!).toBeLessThan(0.8 * losses[0]!);
    disposeAdamW(state);
    tf.dispose([x, mask, label]);
    disposeParams(p);
  });
});
