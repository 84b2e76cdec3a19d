import * as tf from '@tensorflow/tfjs';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { edmDenoiser, maskedDenoiser, type DenoiserNetwork } from './denoiser.js';
import { denoiserLoss, drawLossNoise } from './loss.js';
import { edmCoefficients } from './precondition.js';
import { initialNoise, sampleAdamsBashforth } from './sampling/index.js';
import { logLogitSchedule } from './schedules/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A deterministic stand-in network: F = tanh-free mix of input, c_noise and cond, shaped like x. */
const toyNetwork: DenoiserNetwork = (xIn, cNoise, cond) =>
  tf.tidy(() => {
    const b = xIn.shape[0];
    const c = tf.mul(cNoise.reshape([b, ...new Array<number>(xIn.rank - 1).fill(1)]), 0.01);
    const base = tf.add(tf.mul(xIn, 0.5), c);
    return cond ? tf.add(base, tf.mul(cond, 0.25)) : base;
  });

describe('EDM denoiser (docs/method.md §6.2)', () => {
  it('computes c_skip·x_t + c_out·F(c_in·x_t, 10 ln σ)', () => {
    const xt = tf.tensor3d([[[1, -2]], [[3, 0.5]]]);
    const sigmas = [0.3, 20];
    const out = edmDenoiser(toyNetwork)(xt, tf.tensor1d(sigmas)).arraySync() as number[][][];
    const xv = [
      [1, -2],
      [3, 0.5],
    ];
    sigmas.forEach((s, i) => {
      const c = edmCoefficients(s);
      xv[i]!.forEach((x, j) => expect(out[i]![0]![j]!).toBeCloseTo(c.cSkip * x + c.cOut * (0.5 * c.cIn * x + 0.01 * c.cNoise), 5));
    });
    expect(() => edmDenoiser(toyNetwork)(xt, tf.tensor1d([1]))).toThrow(/sigma must have shape/);
    expect(() => edmDenoiser((x) => tf.sum(x, -1))(xt, tf.tensor1d(sigmas))).toThrow(/network returned shape/);
  });
});

describe('masked (inpainting) denoiser (docs/method.md §6.5)', () => {
  it('feeds the network the clean context and the mask, and returns the context exactly', () => {
    const shape = [2, 5, 3, 3, 2];
    const rng = new Rng(1);
    const y = initialNoise(shape, logLogitSchedule(), rng, { start: 0 });
    const mask = tf.tensor([1, 1, 0, 0, 0, 0, 0, 0, 1, 1], [2, 5, 1, 1, 1]);
    let seenInput: number[] = [];
    let seenCond: number[] = [];
    const spy: DenoiserNetwork = (xIn, cNoise, cond) => {
      seenInput = Array.from(xIn.dataSync());
      seenCond = Array.from(cond!.dataSync());
      return toyNetwork(xIn, cNoise, cond);
    };
    const d = maskedDenoiser(edmDenoiser(spy), y, mask);
    const xt = tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 3), 50);
    const out = d(xt, tf.tensor1d([50, 50]));
    const yv = y.dataSync();
    const mv = tf.mul(tf.onesLike(y), mask).dataSync();
    const ov = out.dataSync();
    let contextCount = 0;
    for (let i = 0; i < yv.length; i++) {
      expect(seenCond[i]).toBe(mv[i]);
      if (mv[i] === 1) {
        contextCount++;
        expect(ov[i]).toBe(yv[i]); // exact, not approximate
        expect(seenInput[i]).toBeCloseTo(yv[i]!, 5); // c_in·√(1+σ²)·y = y
      }
    }
    expect(contextCount).toBe(4 * 18);
    tf.dispose([y, mask, xt, out]);
  });

  it('a full AB sampling run returns the context exactly and leaks no tensor', () => {
    const shape = [3, 5, 2, 2, 1];
    const schedule = logLogitSchedule();
    const rng = new Rng(9);
    const y = tf.tidy(() => tf.mul(tf.ones(shape), tf.tensor([0.7, -0.3, 0, 0, 0], [1, 5, 1, 1, 1])));
    const mask = tf.tensor([1, 1, 0, 0, 0], [1, 5, 1, 1, 1]);
    const before = tf.memory().numTensors;
    const x1 = initialNoise(shape, schedule, rng);
    const x0 = sampleAdamsBashforth(maskedDenoiser(edmDenoiser(toyNetwork), y, mask), x1, schedule, 16);
    // The sampler state at the context decays towards y by ≈ σ_min/σ_max (docs/method.md §7)...
    const data = x0.arraySync() as number[][][][][];
    for (let b = 0; b < 3; b++) {
      expect(Math.abs(data[b]![0]![1]![1]![0]! - 0.7)).toBeLessThan(5e-3);
      expect(Math.abs(data[b]![1]![0]![0]![0]! + 0.3)).toBeLessThan(5e-3);
    }
    // ...while the denoiser's mean at the context equals y exactly at every call.
    const sigmaMin = tf.tensor1d([1e-3, 1e-3, 1e-3]);
    const mean = maskedDenoiser(edmDenoiser(toyNetwork), y, mask)(x0, sigmaMin);
    expect(mean.arraySync()).toSatisfy((m: number[][][][][]) => m.every((w) => w[0]!.flat(2).every((v) => v === Math.fround(0.7))));
    tf.dispose([x1, x0, mean, sigmaMin]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([y, mask]);
  });
});

describe('denoiser loss (docs/method.md §6.3)', () => {
  it('equals mean((D(x_t) − x)²·(1+σ²)/σ²) with the context written into x_t', () => {
    const schedule = logLogitSchedule();
    const x = tf.tensor([0.1, 0.2, 0.3, 0.4, -1, 2, 0.5, 0.25], [2, 4, 1, 1, 1]);
    const mask = tf.tensor([1, 0, 0, 0, 0, 0, 1, 1], [2, 4, 1, 1, 1]);
    const draws = drawLossNoise(schedule, x.shape, new Rng(4));
    let sawCond: number[] = [];
    const net: DenoiserNetwork = (xIn, cNoise, cond) => {
      sawCond = Array.from(cond!.dataSync());
      return toyNetwork(xIn, cNoise, cond);
    };
    const loss = denoiserLoss(edmDenoiser(net), x, draws, mask).dataSync()[0]!;
    expect(sawCond).toEqual([1, 0, 0, 0, 0, 0, 1, 1]);
    // Reference in float64.
    const xv = [0.1, 0.2, 0.3, 0.4, -1, 2, 0.5, 0.25];
    const mv = [1, 0, 0, 0, 0, 0, 1, 1];
    let total = 0;
    for (let i = 0; i < 8; i++) {
      const s = draws.sigma[Math.floor(i / 4)]!;
      const c = edmCoefficients(s);
      const xt = mv[i] ? Math.sqrt(1 + s * s) * xv[i]! : xv[i]! + s * draws.noise[i]!;
      const f = 0.5 * c.cIn * xt + 0.01 * c.cNoise + 0.25 * mv[i]!;
      const d = c.cSkip * xt + c.cOut * f;
      total += ((d - xv[i]!) ** 2 * (1 + s * s)) / (s * s);
    }
    expect(loss / (total / 8)).toBeCloseTo(1, 4);
    // σ draws follow the schedule from t ~ U(0,1).
    const r = new Rng(4);
    expect(draws.sigma[0]).toBeCloseTo(schedule.sigma(r.uniform()), 3);
    tf.dispose([x, mask]);
  });
});
