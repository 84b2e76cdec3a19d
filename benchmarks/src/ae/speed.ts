/**
 * Speed of the AE stage on the active backend: one training step (forward, weighted loss,
 * gradients, global-norm clip, AdamW), exactly as `lola-train ae` runs it, and one validation
 * forward batch, timed with tinybench (few iterations). The time per epoch is derived:
 * stepsPerEpoch · step + ⌈validSamples / validBatchSize⌉ · validation batch.
 */
import { Rng } from '@lola-ts/numerics';
import * as tf from '@tensorflow/tfjs-core';
import { autoencoderLoss, compressionRate, initDcae } from '@lola-ts/autoencoders';
import { countParams, disposeAdamW, disposeNamed, disposeParams, initAdamW, optimizerStep, valueAndGrads } from '@lola-ts/nn-blocks';
import { Bench } from 'tinybench';
import type { AeBenchCase } from './configs.js';

export interface Timing {
  meanMs: number;
  moeMs: number;
  samples: number;
}

export interface AeSpeed {
  parameters: number;
  compressionRate: number;
  step: Timing;
  validBatch: Timing;
  /** Derived per-epoch time (ms) and its margin. */
  epochMs: number;
  epochMoeMs: number;
}

function timingOf(bench: Bench, name: string): Timing {
  const r = bench.getTask(name)?.result;
  if (!r || !('latency' in r)) throw new Error(`ae bench: ${name} did not complete (${r?.state ?? 'no result'})`);
  return { meanMs: r.latency.mean, moeMs: Number.isFinite(r.latency.moe) ? r.latency.moe : 0, samples: r.latency.samplesCount ?? 0 };
}

/** Times a training step and a validation batch of `c` (random standardised inputs). */
export async function benchAeSpeed(c: AeBenchCase, iterations: number): Promise<AeSpeed> {
  const ae = initDcae(c.dcae, new Rng(0));
  let opt = initAdamW(ae);
  const shape = [c.batchSize, ...c.resolution, c.dcae.pixChannels];
  const vShape = [Math.min(c.validBatchSize, c.validSamples), ...c.resolution, c.dcae.pixChannels];
  const x = tf.randomNormal(shape, 0, 1, 'float32', 1);
  const xv = tf.randomNormal(vShape, 0, 1, 'float32', 2);
  const rng = new Rng(3);
  try {
    const bench = new Bench({ iterations, warmupIterations: 1, time: 0, warmupTime: 0, throws: true });
    bench.add('step', async () => {
      const { value, grads } = valueAndGrads(ae, () => autoencoderLoss(ae, x, c.loss, { training: true, rng }));
      const loss = (await value.data())[0]!;
      value.dispose();
      opt = optimizerStep(ae, grads, opt, c.lr, { clipNorm: 1 }, loss).state;
      disposeNamed(grads);
    });
    bench.add('valid', async () => {
      const l = tf.tidy(() => autoencoderLoss(ae, xv, c.loss));
      await l.data();
      l.dispose();
    });
    await bench.run();
    const step = timingOf(bench, 'step');
    const validBatch = timingOf(bench, 'valid');
    const nValid = Math.ceil(c.validSamples / c.validBatchSize);
    return {
      parameters: countParams(ae),
      compressionRate: compressionRate(c.dcae, [...c.resolution, c.dcae.pixChannels]),
      step,
      validBatch,
      epochMs: c.stepsPerEpoch * step.meanMs + nValid * validBatch.meanMs,
      epochMoeMs: c.stepsPerEpoch * step.moeMs + nValid * validBatch.moeMs,
    };
  } finally {
    tf.dispose([x, xv]);
    disposeAdamW(opt);
    disposeParams(ae);
  }
}
