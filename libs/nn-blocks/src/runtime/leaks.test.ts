import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from './init.js';
import { lcgValues } from './wasm/test-data.js';

/** One training-like step touching every runtime kernel: conv (SAME/strided), conv2dTranspose, depthwise,
 * batched and transposed matmul, fused matmul, gather, tanh, pow, einsum; returns the loss value. */
function step(vars: Record<string, tf.Variable>, x: tf.Tensor4D): number {
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const h = tf.relu(tf.conv2d(x, vars['c1'] as tf.Tensor4D, 2, 'same'));
      const d = tf.depthwiseConv2d(h, vars['dw'] as tf.Tensor4D, 1, 'same');
      const u = tf.conv2dTranspose(d, vars['ct'] as tf.Tensor4D, [2, 8, 8, 3], 2, 'same');
      const tok = tf.reshape(h, [2, 16, 4]);
      const att = tf.matMul(tok, tok, false, true);
      const mixed = tf.matMul(tf.softmax(att), tok);
      const dense = tf.fused.matMul({
        a: tf.reshape(mixed, [32, 4]),
        b: vars['w'] as tf.Tensor2D,
        bias: vars['b'] as tf.Tensor1D,
        activation: 'relu',
      });
      const emb = tf.gather(vars['emb']!, tf.tensor1d([0, 2, 2, 1], 'int32'));
      const e = tf.matMul(emb, vars['w2']!);
      return tf.addN([tf.mean(tf.square(tf.sub(u, x))), tf.mean(tf.tanh(dense)), tf.mean(tf.pow(e, tf.scalar(2)))]) as tf.Scalar;
    });
    for (const v of Object.values(vars)) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.01)));
    // Einsum has no gradient in tfjs: only its forward (cpu fallback) is part of the step.
    return tf.add(value, tf.mul(tf.mean(tf.einsum('ij,jk->ik', vars['emb']!, vars['w2']!)), 0));
  });
  const v = loss.dataSync()[0]!;
  loss.dispose();
  return v;
}

describe('no tensor or wasm data leak across training steps', () => {
  beforeAll(() => initRuntime({ backend: 'wasm', threads: 1 }));

  it('keeps tf.memory().numTensors and the backend data-id count constant', () => {
    const shapes: Record<string, number[]> = {
      c1: [3, 3, 3, 4],
      dw: [3, 3, 4, 1],
      ct: [3, 3, 3, 4],
      w: [4, 5],
      b: [5],
      emb: [3, 6],
      w2: [6, 2],
    };
    const vars: Record<string, tf.Variable> = {};
    for (const [i, [name, shape]] of Object.entries(shapes).entries())
      vars[name] = tf.variable(tf.tensor(lcgValues(tf.util.sizeFromShape(shape), i + 1), shape), true, `leak-${name}`);
    const x = tf.tensor4d(lcgValues(2 * 8 * 8 * 3, 99), [2, 8, 8, 3]);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const losses = [step(vars, x)];
    const tensors = tf.memory().numTensors;
    const ids = backend.numDataIds();
    for (let i = 0; i < 4; i++) {
      losses.push(step(vars, x));
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backend.numDataIds()).toBe(ids);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[4]).toBeLessThan(losses[0]!);
    tf.dispose([x, ...Object.values(vars)]);
  });
});
