import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, globalNorm } from './clip.js';
import { cosineFactor, learningRate } from './schedule.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cosine schedule', () => {
  it('λ(e) = (1 + cos(π e/E))/2: 1 at 0, 1/2 at E/2, 0 at E', () => {
    expect(cosineFactor(0, 10)).toBe(1);
    expect(cosineFactor(5, 10)).toBeCloseTo(0.5, 12);
    expect(cosineFactor(10, 10)).toBeCloseTo(0, 12);
    expect(cosineFactor(12, 10)).toBeCloseTo(0, 12);
  });

  it('steps per epoch (constant within an epoch) or per step, with linear warmup', () => {
    const perEpoch = { lr: 1e-3, totalSteps: 40, stepsPerEpoch: 10 };
    expect(learningRate(perEpoch, 0)).toBe(1e-3);
    expect(learningRate(perEpoch, 9)).toBe(1e-3);
    expect(learningRate(perEpoch, 10)).toBeCloseTo((1e-3 * (1 + Math.cos(Math.PI / 4))) / 2, 15);
    expect(learningRate(perEpoch, 39)).toBeCloseTo((1e-3 * (1 + Math.cos((3 * Math.PI) / 4))) / 2, 15);
    const perStep = { lr: 2, totalSteps: 100, granularity: 'step' as const, warmupSteps: 10 };
    expect(learningRate(perStep, 0)).toBeCloseTo(0.2, 12);
    expect(learningRate(perStep, 9)).toBeCloseTo(2, 12);
    expect(learningRate(perStep, 10)).toBeCloseTo(2, 12);
    expect(learningRate(perStep, 55)).toBeCloseTo(1, 12);
    expect(learningRate(perStep, 100)).toBeCloseTo(0, 12);
    expect(learningRate({ lr: 3, totalSteps: 5, kind: 'constant' }, 4)).toBe(3);
    expect(() => learningRate({ lr: 1, totalSteps: 5 }, 1)).toThrow(/stepsPerEpoch/);
  });
});

describe('global-norm clipping', () => {
  it('scales to the max norm only when above it', () => {
    const grads = new Map([
      ['a', tf.tensor([3, 0])],
      ['b', tf.tensor([[4]])],
    ]);
    expect(globalNorm(grads)).toBeCloseTo(5, 6);
    const { grads: c, norm, coef } = clipByGlobalNorm(grads, 1);
    expect(norm).toBeCloseTo(5, 6);
    expect(coef).toBeCloseTo(1 / (5 + 1e-6), 9);
    expect(globalNorm(c)).toBeCloseTo(1, 5);
    const { grads: same, coef: one } = clipByGlobalNorm(grads, 10);
    expect(one).toBe(1);
    expect(Array.from(same.get('a')!.dataSync())).toEqual([3, 0]);
    tf.dispose([...grads.values(), ...c.values(), ...same.values()]);
  });
});
