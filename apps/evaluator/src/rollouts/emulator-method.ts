/**
 * DM and NS runs (`lola-train dm|ns`) as rollout methods. Latent runs: preprocess → encode with the
 * AE recorded in the latent cache → autoregressive rollout (docs/method.md §10) → decode → postprocess.
 * Pixel runs (`ns --pixel`): the same on the preprocessed fields, without an AE.
 */
import {
  type AutoencoderRun,
  decode,
  encode,
  loadAutoencoderRun,
  postprocessStates,
  preprocessStates,
  runCompressionRate,
} from '@lola-ts/autoencoders';
import {
  decodeTrajectory,
  diffusionEmulator,
  type EmulatorRun,
  encodeTrajectory,
  loadEmulatorRun,
  rollout,
  solverEmulator,
} from '@lola-ts/emulation';
import { disposeParams } from '@lola-ts/nn-blocks';
import { fieldPostprocess, fieldPreprocess, type FieldPreprocessing, type FieldTransformName, Rng } from '@lola-ts/well-data';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { MethodOptions, RolloutMethod } from './methods.js';

const now = () => performance.now() / 1000;

interface PixelData {
  channels: string[];
  transform: Record<string, FieldTransformName>;
  mean: number[];
  std: number[];
}

function pixelPreprocessing(d: PixelData, where: string): FieldPreprocessing {
  const transform: Record<number, FieldTransformName> = {};
  for (const [name, t] of Object.entries(d.transform ?? {})) {
    const c = d.channels.indexOf(name);
    if (c < 0) throw new Error(`${where}: data.transform names channel '${name}', not one of ${d.channels.join(', ')}`);
    transform[c] = t;
  }
  return { transform, mean: d.mean, std: d.std };
}

/** The AE a latent run was trained with: `<data.path>/cache.yaml` → `aeRun`. */
function aeOfLatentRun(run: EmulatorRun, checkpoint?: string): AutoencoderRun {
  const data = run.config.data as { path?: string } | undefined;
  const cacheYaml = data?.path ? path.join(data.path, 'cache.yaml') : undefined;
  if (!cacheYaml || !existsSync(cacheYaml))
    throw new Error(`${run.dir}/config.yaml: data.path must name the latent cache the run was trained on (no ${cacheYaml ?? 'data.path'})`);
  const cache = parse(readFileSync(cacheYaml, 'utf8')) as { aeRun?: string };
  if (!cache.aeRun) throw new Error(`${cacheYaml}: no 'aeRun' (the autoencoder that made the cache)`);
  return loadAutoencoderRun(cache.aeRun, { checkpoint: checkpoint === 'best' ? 'best' : 'last' });
}

export function loadEmulatorMethod(dir: string, opts: MethodOptions): RolloutMethod {
  const run = loadEmulatorRun(dir, { checkpoint: opts.checkpoint });
  const data = run.config.data as {
    source?: string;
    channels?: string[];
    transform?: Record<string, FieldTransformName>;
    mean?: number[];
    std?: number[];
  };
  const pixel = data.source === 'well';
  let ae: AutoencoderRun | undefined;
  let pre: FieldPreprocessing | undefined;
  let channels: string[];
  try {
    if (pixel) {
      if (!data.channels || !data.mean || !data.std)
        throw new Error(`${dir}/config.yaml: a pixel run must record data.channels, data.mean and data.std`);
      channels = data.channels;
      pre = pixelPreprocessing({ channels, transform: data.transform ?? {}, mean: data.mean, std: data.std }, `${dir}/config.yaml`);
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
