import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { disposeParams, paramNames } from '../params/tree.js';
import { gradientCheck } from './gradcheck.js';
import { initDownsample, initUpsample, downsample, upsample } from './resample.js';
import { initResBlock, resBlock } from './resblock.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ResBlock', () => {
  it('keeps the shape, uses 3×3 convs without attention and 1×1 with, last conv scaled by 1e-2', () => {
    const plain = initResBlock(new Rng(0), 4);
    expect(paramNames(plain)).toEqual(['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias']);
    expect(plain.conv1.weight.shape).toEqual([3, 3, 4, 4]);
    const bound = 1 / Math.sqrt(4 * 9);
    expect(Math.max(...Array.from(plain.conv2.weight.dataSync(), Math.abs))).toBeLessThanOrEqual(bound * 1e-2);
    expect(Math.max(...Array.from(plain.conv1.weight.dataSync(), Math.abs))).toBeGreaterThan(bound * 0.5);
    const attn = initResBlock(new Rng(0), 4, { attentionHeads: 2 });
    expect(attn.conv1.weight.shape).toEqual([1, 1, 4, 4]);
    expect(attn.attn!.heads).toBe(2);
    const x = tf.randomNormal([2, 4, 4, 4], 0, 1, 'float32', 1);
    for (const p of [plain, attn]) {
      const y = resBlock(p, x);
      expect(y.shape).toEqual(x.shape);
      // near-identity at init: y − x − b2 (the last conv's unscaled bias) is small compared with x
      const rel = tf.tidy(() => tf.div(tf.norm(tf.sub(tf.sub(y, x), p.conv2.bias!)), tf.norm(x)).dataSync()[0]!);
      expect(rel).toBeLessThan(0.05);
      expect(rel).toBeGreaterThan(0);
      y.dispose();
    }
    const x3 = tf.randomNormal([1, 2, 2, 2, 4], 0, 1, 'float32', 1);
    const p3 = initResBlock(new Rng(0), 4, { dims: 3 });
    const y3 = resBlock(p3, x3);
    expect(y3.shape).toEqual([1, 2, 2, 2, 4]);
    tf.dispose([x, x3, y3]);
    [plain, attn, p3].forEach(disposeParams);
  });

  it('applies seeded dropout only in training', () => {
    const p = initResBlock(new Rng(1), 4);
    const x = tf.randomNormal([1, 4, 4, 4], 0, 1, 'float32', 2);
    const ev1 = resBlock(p, x, { training: false, dropout: 0.5 });
    const ev2 = resBlock(p, x);
    const tr1 = resBlock(p, x, { training: true, dropout: 0.5, rng: new Rng(9) });
    const tr2 = resBlock(p, x, { training: true, dropout: 0.5, rng: new Rng(9) });
    expect(Array.from(ev1.dataSync())).toEqual(Array.from(ev2.dataSync()));
    expect(Array.from(tr1.dataSync())).toEqual(Array.from(tr2.dataSync()));
    expect(Array.from(tr1.dataSync())).not.toEqual(Array.from(ev1.dataSync()));
    tf.dispose([x, ev1, ev2, tr1, tr2]);
    disposeParams(p);
  });

  it('has finite-difference gradients, with and without attention', () => {
    const rng = new Rng(3);
    for (const heads of [0, 2]) {
      const p = initResBlock(rng, 4, { attentionHeads: heads });
      // undo the 1e-2 scale so that the first conv's gradients are not tiny
      p.conv2.weight.assign(tf.mul(p.conv2.weight, 100));
      const x = tf.randomNormal([1, 3, 3, 4], 0, 1, 'float32', 4);
      const res = gradientCheck(rng, ([a]) => resBlock(p, a!), p, [x], { eps: 3e-3, coordsPerTensor: 4 });
      expect(res.maxError).toBeLessThan(5e-2);
      x.dispose();
      disposeParams(p);
    }
  });
});

describe('resampling convs', () => {
  it('down: unshuffle + identity-initialised conv; up: conv + shuffle', () => {
    const rng = new Rng(5);
    const down = initDownsample(rng, 2, 8);
    expect(down.conv.weight.shape).toEqual([3, 3, 8, 8]);
    const up = initUpsample(rng, 8, 2);
    expect(up.conv.weight.shape).toEqual([3, 3, 8, 8]);
    const x = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 6);
    const z = downsample(down, x);
    expect(z.shape).toEqual([1, 2, 2, 8]);
    const y = upsample(up, z);
    expect(y.shape).toEqual([1, 4, 4, 2]);
    // both convs are near the identity (8 → 8 channels), so up(down(x)) ≈ x
    const rel = tf.tidy(() => tf.div(tf.norm(tf.sub(y, x)), tf.norm(x)).dataSync()[0]!);
    expect(rel).toBeLessThan(0.15);
    const d3 = initDownsample(rng, 1, 4, { dims: 3 });
    const x3 = tf.randomNormal([1, 2, 2, 2, 1], 0, 1, 'float32', 6);
    const z3 = downsample(d3, x3);
    expect(z3.shape).toEqual([1, 1, 1, 1, 4]);
    tf.dispose([x, z, y, x3, z3]);
    [down, up, d3].forEach(disposeParams);
  });

  it('have finite-difference gradients', () => {
    const rng = new Rng(7);
    const down = initDownsample(rng, 2, 3);
    const up = initUpsample(rng, 3, 2);
    const x = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 8);
    const z = tf.randomNormal([1, 2, 2, 3], 0, 1, 'float32', 9);
    expect(gradientCheck(rng, ([a]) => downsample(down, a!), down, [x], { coordsPerTensor: 4 }).maxError).toBeLessThan(3e-2);
    expect(gradientCheck(rng, ([a]) => upsample(up, a!), up, [z], { coordsPerTensor: 4 }).maxError).toBeLessThan(3e-2);
    tf.dispose([x, z]);
    [down, up].forEach(disposeParams);
  });
});
