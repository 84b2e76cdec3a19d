/**
 * DM and NS runs (`lola-train dm|ns`) as rollout methods. Latent runs: preprocess → encode with the
 * AE recorded in the latent cache → autoregressive rollout (docs/method.md §10) → decode → postprocess.
 * Pixel runs (`ns --pixel`): the same on the preprocessed fields, without an AE.
 */
import { Rng } from '@lola-ts/numerics';
import { decode, encode, postprocessStates, preprocessStates, runCompressionRate } from '@lola-ts/autoencoders';
import { decodeTrajectory, diffusionEmulator, encodeTrajectory, rollout, solverEmulator } from '@lola-ts/emulation';
import { type AutoencoderRun, type EmulatorRun, loadAutoencoderRun, loadEmulatorRun, readCacheManifest } from '@lola-ts/experiment';
import { disposeParams } from '@lola-ts/nn-blocks';
import { byChannelIndex, fieldPostprocess, fieldPreprocess, type FieldPreprocessing } from '@lola-ts/well-data';
import * as tf from '@tensorflow/tfjs-core';
import type { MethodOptions, RolloutMethod } from './methods.js';

const now = () => performance.now() / 1000;

/** The AE a latent run was trained with: `<data.path>/cache.yaml` → `aeRun`. */
function aeOfLatentRun(run: EmulatorRun, checkpoint?: string): AutoencoderRun {
  if (!run.data.path) throw new Error(`${run.dir}/config.yaml: data.path must name the latent cache the run was trained on (no data.path)`);
  const { cache, file } = readCacheManifest(run.data.path);
  if (!cache.aeRun) throw new Error(`${file}: no 'aeRun' (the autoencoder that made the cache)`);
  return loadAutoencoderRun(cache.aeRun, { checkpoint: checkpoint === 'best' ? 'best' : 'last' });
}

export function loadEmulatorMethod(dir: string, opts: MethodOptions): RolloutMethod {
  const run = loadEmulatorRun(dir, { checkpoint: opts.checkpoint });
  const data = run.data;
  const pixel = data.source === 'well';
  let ae: AutoencoderRun | undefined;
  let pre: FieldPreprocessing | undefined;
  let channels: string[];
  try {
    if (pixel) {
      if (!data.channels || !data.mean || !data.std)
        throw new Error(`${dir}/config.yaml: a pixel run must record data.channels, data.mean and data.std`);
      channels = data.channels;
      pre = { transform: byChannelIndex(channels, data.transform, `${dir}/config.yaml`, 'data.transform'), mean: data.mean, std: data.std };
    } else {
      ae = aeOfLatentRun(run, opts.checkpoint);
      channels = ae.data.channels;
    }
  } catch (e) {
    disposeParams(run.params);
    throw e;
  }
  const C = channels.length;
  const S = run.kind === 'dm' ? opts.ensemble : 1;
  const toModel = (x: Float32Array) => (ae ? preprocessStates(ae.data, x) : fieldPreprocess(x, C, pre!));
  const toPhysical = (y: Float32Array) => (ae ? postprocessStates(ae.data, y) : fieldPostprocess(y, C, pre!));
  return {
    method: `${pixel ? 'pixel-' : ''}${run.kind}`,
    compressionRate: ae ? runCompressionRate(ae) : 1,
    ensembleSize: S,
    samplerSteps: run.kind === 'dm' ? opts.steps : null,
    channels,
    async predict(req) {
      const x = tf.tensor(toModel(req.truth), req.shape);
      const label = (run.model.labelFeatures ?? 0) > 0 ? tf.tensor2d(req.label, [1, req.label.length]) : undefined;
      if (label && req.label.length !== run.model.labelFeatures) {
        x.dispose();
        label.dispose();
        throw new Error(`${dir}: the model takes labels of ${run.model.labelFeatures} features, the data give ${req.label.length}`);
      }
      try {
        const t0 = now();
        const z = ae ? encodeTrajectory((f) => encode(ae!.ae, f), x, { chunks: opts.chunks }) : x.clone();
        const t1 = now();
        const emulate =
          run.kind === 'dm'
            ? diffusionEmulator(run.params, { schedule: run.schedule, rng: new Rng(req.seed), steps: opts.steps, label })
            : solverEmulator(run.params, { label });
        const zs = rollout(emulate, z, { rollout: req.shape[0]!, context: req.context, ensemble: S });
        z.dispose();
        await zs.data(); // wait for the rollout before timing the decode
        const t2 = now();
        const y = ae ? decodeTrajectory((f) => decode(ae!.ae, f), zs, { batched: true, chunks: opts.chunks }) : zs.clone();
        zs.dispose();
        const out = (await y.data()) as Float32Array;
        y.dispose();
        const t3 = now();
        return { ensemble: toPhysical(out), encodeSeconds: t1 - t0, rolloutSeconds: t2 - t1, decodeSeconds: t3 - t2 };
      } finally {
        x.dispose();
        label?.dispose();
      }
    },
    dispose() {
      disposeParams(run.params);
      if (ae) disposeParams(ae.ae);
    },
  };
}
