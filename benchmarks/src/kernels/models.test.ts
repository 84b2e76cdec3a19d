import { initRuntime } from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convAe, convAeLoss, convAeParams } from './conv-ae.js';
import { block, blockLoss, blockParams } from './transformer.js';

function train(params: Record<string, tf.Variable>, loss: () => tf.Scalar, steps: number): number[] {
  const opt = tf.train.adam(1e-2);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const c = opt.minimize(loss, true, Object.values(params))!;
    losses.push(c.dataSync()[0]!);
    c.dispose();
  }
  opt.dispose();
  return losses;
}

describe('benchmark models (small shapes)', () => {
  beforeAll(async () => {
    await initRuntime({ backend: 'wasm', threads: 1 });
  });

  it('transformer block keeps the shape, is residual, and trains without leaking', () => {
    const start = tf.memory().numTensors;
    const p = blockParams(16, 2, 1);
    const x = tf.randomNormal([2, 8, 16], 0, 1, 'float32', 2);
    const y = tf.randomNormal([2, 8, 16], 0, 1, 'float32', 3);
    const out = tf.tidy(() => block(p, x, 2));
    expect(out.shape).toEqual([2, 8, 16]);
    // zero projections => the block is the identity
    const zeroed = blockParams(16, 2, 1);
    tf.tidy(() => {
      for (const k of ['wo', 'w2']) zeroed[k]!.assign(tf.zerosLike(zeroed[k]!));
    });
    const same = tf.tidy(() => tf.max(tf.abs(tf.sub(block(zeroed, x, 2), x))));
    expect(same.dataSync()[0]).toBeLessThan(1e-6);
    const before = tf.memory().numTensors;
    const losses = train(p, () => blockLoss(p, x, y, 2), 5);
    expect(losses[4]).toBeLessThan(losses[0]!);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([out, same, x, y, ...Object.values(p), ...Object.values(zeroed)]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('conv autoencoder reconstructs the input shape and trains', () => {
    const before = tf.memory().numTensors;
    const p = convAeParams(5);
    const x = tf.randomUniform([1, 16, 16, 3], 0, 1, 'float32', 6);
    const y = tf.tidy(() => convAe(p, x));
    expect(y.shape).toEqual([1, 16, 16, 3]);
    const losses = train(p, () => convAeLoss(p, x), 5);
    expect(losses[4]).toBeLessThan(losses[0]!);
    tf.dispose([x, y, ...Object.values(p)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
