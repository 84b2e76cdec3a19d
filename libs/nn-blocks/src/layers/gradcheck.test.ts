import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { gradientCheck } from './gradcheck.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('gradientCheck', () => {
  it('accepts a correct gradient and flags a wrong one', () => {
    const x = tf.tensor([0.3, -0.7, 1.2, 0.1]);
    const good = gradientCheck(new Rng(0), ([a]) => tf.mul(tf.sin(a!), a!), {}, [x]);
    expect(good.maxError).toBeLessThan(1e-2);
    // y = x², but the custom gradient claims dy/dx = 3x.
    const wrong = tf.customGrad(((a: tf.Tensor, save: tf.GradSaveFunc) => {
      save([a]);
      return { value: tf.square(a), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.mul(3, saved[0]!)) };
    }) as any);
    const bad = gradientCheck(new Rng(0), ([a]) => wrong(a!) as tf.Tensor, {}, [x]);
    expect(bad.maxError).toBeGreaterThan(0.3);
    x.dispose();
  });

  it('does not leak tensors', () => {
    const x = tf.tensor([0.3, -0.7]);
    const before = tf.memory().numTensors;
    gradientCheck(new Rng(1), ([a]) => tf.exp(a!), {}, [x]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
