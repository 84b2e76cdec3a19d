import * as tf from '@tensorflow/tfjs-core';
import { disposeAdamW, disposeNamed, disposeParams, initAdamW, initRuntime, optimizerStep, valueAndGrads } from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDcaeConfig } from './config.js';
import { initDcae, type Dcae } from './dcae.js';
import { autoencoderLoss } from './forward.js';
import type { LossWeights } from './losses.js';

beforeAll(async () => {
  await initRuntime({ backend: 'wasm', threads: 1 });
});

const tiny = resolveDcaeConfig({ pixChannels: 3, latChannels: 8, hidChannels: [8, 16], hidBlocks: [1, 1], dropout: 0.05 });

/** A smooth 3-channel batch [4, 8, 8, 3] (structure the AE can learn). */
function batch(): tf.Tensor4D {
  const b = 4,
    n = 8,
    c = 3;
  const data = new Float32Array(b * n * n * c);
  let i = 0;
  for (let s = 0; s < b; s++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        for (let k = 0; k < c; k++) {
          data[i++] = Math.sin((x + 1) * (k + 1) * 0.4 + s) * Math.cos(y * 0.3 * (s + 1)) + 0.3 * k;
        }
  return tf.tensor4d(data, [b, n, n, c]);
}

function step(ae: Dcae, opt: ReturnType<typeof initAdamW>, x: tf.Tensor, weights: LossWeights, rng: Rng, lr: number) {
  const { value, grads } = valueAndGrads(ae, () => autoencoderLoss(ae, x, weights, { training: true, rng }));
  const loss = value.dataSync()[0]!;
  value.dispose();
  const res = optimizerStep(ae, grads, opt, lr, { clipNorm: 1 }, loss);
  disposeNamed(grads);
  return { loss, state: res.state };
}

describe('training the DCAE', () => {
  it('a tiny AE overfits one batch (L1 drops by > 10×) without leaking tensors', () => {
    const ae = initDcae(tiny, new Rng(0));
    let opt = initAdamW(ae);
    const x = batch();
    const rng = new Rng(1);
    const losses: number[] = [];
    let tensorsAfterFirst = 0;
    for (let s = 0; s < 150; s++) {
      const r = step(ae, opt, x, { l1: 1 }, rng, 3e-3);
      opt = r.state;
      losses.push(r.loss);
      if (s === 1) tensorsAfterFirst = tf.memory().numTensors;
      if (s > 1) expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
    }
    const first = losses[0]!;
    const last = Math.min(...losses.slice(-5));
    expect(last).toBeLessThan(first / 10);
    x.dispose();
    disposeAdamW(opt);
    disposeParams(ae);
  });

  it('VRMSE and MSE objectives also decrease', () => {
    for (const weights of [{ vrmse: 1 }, { mse: 1, l1: 0.5 }] as LossWeights[]) {
      const ae = initDcae(tiny, new Rng(2));
      let opt = initAdamW(ae);
      const x = batch();
      const rng = new Rng(1);
      const losses: number[] = [];
      for (let s = 0; s < 40; s++) {
        const r = step(ae, opt, x, weights, rng, 3e-3);
        opt = r.state;
        losses.push(r.loss);
      }
      expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
      x.dispose();
      disposeAdamW(opt);
      disposeParams(ae);
    }
  });
});
