/**
 * The methods `lola-eval rollout` can run, behind one interface: given the truth frames of a slice
 * (physical units, channels last) and its label, produce S predicted members (physical units) and
 * the time spent encoding, rolling out and decoding. Loading picks the method from the run
 * directory's resolved config.
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
import { decodeTrajectory, encodeTrajectory } from '@lola-ts/emulation';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface PredictRequest {
  /** Truth frames [F, ...space, C] in physical units (frames 0..context−1 are the known states). */
  truth: Float32Array;
  shape: number[];
  context: number;
  /** Simulation-parameter label (constant scalars + BC codes), when the model takes one. */
  label: Float32Array;
  /** Seed of this slice's sampling noise. */
  seed: number;
}

export interface PredictResult {
  /** [S, F, ...space, C] in physical units. */
  ensemble: Float32Array;
  encodeSeconds: number;
  rolloutSeconds: number;
  decodeSeconds: number;
}

export interface RolloutMethod {
  method: string;
  compressionRate: number;
  ensembleSize: number;
  samplerSteps: number | null;
  /** Channel names the model expects, in order. */
  channels: string[];
  predict(req: PredictRequest): Promise<PredictResult>;
  dispose(): void;
}

const now = () => performance.now() / 1000;

/** Frames through an AE: preprocess → encode → decode → postprocess (method 'ae', S = 1). */
export function autoencoderMethod(run: AutoencoderRun, opts: { chunks?: number } = {}): RolloutMethod {
  return {
    method: 'ae',
    compressionRate: runCompressionRate(run),
    ensembleSize: 1,
    samplerSteps: null,
    channels: run.data.channels,
    async predict(req) {
      const x = tf.tensor(preprocessStates(run.data, req.truth), req.shape);
      try {
        const t0 = now();
        const z = encodeTrajectory((f) => encode(run.ae, f), x, { chunks: opts.chunks });
        const t1 = now();
        const y = decodeTrajectory((f) => decode(run.ae, f), z, { chunks: opts.chunks });
        z.dispose();
        const data = (await y.data()) as Float32Array;
        y.dispose();
        const t2 = now();
        return { ensemble: postprocessStates(run.data, data), encodeSeconds: t1 - t0, rolloutSeconds: 0, decodeSeconds: t2 - t1 };
      } finally {
        x.dispose();
      }
    },
    dispose() {
      /* the AE's parameters belong to the run */
    },
  };
}

/** Reads `<run>/config.yaml` as a plain object (for detecting what kind of run it is). */
export function readRunConfig(dir: string): Record<string, unknown> {
  const file = path.join(dir, 'config.yaml');
  if (!existsSync(file)) throw new Error(`${dir}: not a run directory (no config.yaml)`);
  const cfg = parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof cfg !== 'object' || cfg === null) throw new Error(`${file}: expected a mapping`);
  return cfg as Record<string, unknown>;
}

export interface MethodOptions {
  ensemble: number;
  steps: number;
  chunks?: number;
  checkpoint?: string;
}

/** Loads the method a run directory holds: DM/NS runs emulate; an AE run (`ae` section) gives reconstructions. */
export async function loadMethod(dir: string, opts: MethodOptions): Promise<RolloutMethod> {
  const cfg = readRunConfig(dir);
  if (cfg.stage === 'dm' || cfg.stage === 'ns') {
    const { loadEmulatorMethod } = await import('./emulator-method.js');
    return loadEmulatorMethod(dir, opts);
  }
  if (cfg.ae && !cfg.dm && !cfg.ns)
    return autoencoderMethod(loadAutoencoderRun(dir, { checkpoint: opts.checkpoint }), { chunks: opts.chunks });
  throw new Error(`${dir}/config.yaml: cannot tell what kind of run this is (expected 'stage: dm|ns' or an 'ae' section)`);
}
