import * as tf from '@tensorflow/tfjs';
import { disposeAdamW, disposeNamed, disposeParams, initAdamW, optimizerStep, paramNames, valueAndGrads } from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSolver, solverForward, solverLoss } from './solver.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('neural solver (docs/method.md §9)', () => {
  it('sees only x·mask and the mask: values off the context do not change the output', () => {
    const p = initSolver(new Rng(1), {
      channels: 2,
      spatial: 3,
      hidChannels: 16,
      hidBlocks: 1,
      heads: 2,
      labelFeatures: 5,
      embFeatures: 32,
    });
    expect(paramNames(p)).toContain('label_embedding.2.bias');
    expect(paramNames(p)).toContain('backbone.blocks.0.ada_zero.2.weight');
    const x = tf.randomNormal([2, 5, 2, 2, 2], 0, 1, 'float32', 1);
    const other = tf.tidy(() => tf.concat([tf.slice(x, [0, 0], [-1, 1]), tf.randomNormal([2, 4, 2, 2, 2], 0, 1, 'float32', 2)], 1));
    const mask = tf.tensor([1, 0, 0, 0, 0], [1, 5, 1, 1, 1]);
    const label = tf.ones([2, 5]);
    const a = solverForward(p, { x, mask, label });
    const b = solverForward(p, { x: other, mask, label });
    expect(a.shape).toEqual([2, 5, 2, 2, 2]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
    const c = solverForward(p, { x, mask: tf.tensor([1, 1, 0, 0, 0], [1, 5, 1, 1, 1]), label });
    expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]).toBeGreaterThan(0);
    expect(() => solverForward(p, { x, mask })).toThrow(/label/);
    // Loss = MSE over the whole window.
    const loss = solverLoss(p, { x, mask, label }).dataSync()[0]!;
    expect(loss).toBeCloseTo(tf.mean(tf.square(tf.sub(a, x))).dataSync()[0]!, 6);
    tf.dispose([x, other, mask, label, a, b, c]);
    disposeParams(p);
  });

  it('unlabelled solver uses learned (unmodulated) blocks; pixel variant patches the state and trains', () => {
    const rng = new Rng(2);
    const p = initSolver(rng, { channels: 1, spatial: 3, hidChannels: 16, hidBlocks: 1, heads: 2, patchSize: [1, 2, 2] });
    expect(p.label_embedding).toBeUndefined();
    expect((p.backbone.blocks[0]!.ada_zero as tf.Variable).shape).toEqual([4, 16]);
    expect(p.backbone.in_proj.weight.shape).toEqual([8, 16]); // (C + C mask)·2·2
    const x = tf.tidy(() => tf.sin(tf.reshape(tf.range(0, 2 * 5 * 4 * 4), [2, 5, 4, 4, 1])));
    const mask = tf.tensor([1, 0, 0, 0, 0, 1, 1, 0, 0, 0], [2, 5, 1, 1, 1]);
    let state = initAdamW(p);
    const losses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const { value, grads } = valueAndGrads(p, () => solverLoss(p, { x, mask }));
      losses.push(value.dataSync()[0]!);
      state = optimizerStep(p, grads, state, 1e-2, { beta2: 0.99 }).state;
      value.dispose();
      disposeNamed(grads);
    }
    expect(losses[14]!).toBeLessThan(0.7 * losses[0]!);
    disposeAdamW(state);
    tf.dispose([x, mask]);
    disposeParams(p);
  });
});
