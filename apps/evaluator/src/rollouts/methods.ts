/**
 * The methods `lola-eval rollout` can run, behind one interface: given the truth frames of a slice
 * (physical units, channels last) and its label, produce S predicted members (physical units) and
 * the time spent encoding, rolling out and decoding. Loading picks the method from the stage the
 * run directory records (@lola-ts/experiment's `readRunManifest`).
 */
import { decode, encode, postprocessStates, preprocessStates, runCompressionRate } from '@lola-ts/autoencoders';
import { decodeTrajectory, encodeTrajectory } from '@lola-ts/emulation';
import { type AutoencoderRun, loadAutoencoderRun, readRunManifest } from '@lola-ts/experiment';
import * as tf from '@tensorflow/tfjs-core';

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

export interface MethodOptions {
  ensemble: number;
  steps: number;
  chunks?: number;
  checkpoint?: string;
}

/** Loads the method a run directory holds: DM/NS runs emulate; an AE run gives reconstructions. */
export async function loadMethod(dir: string, opts: MethodOptions): Promise<RolloutMethod> {
  const { stage } = readRunManifest(dir, ['ae', 'dm', 'ns']);
  if (stage === 'dm' || stage === 'ns') {
    const { loadEmulatorMethod } = await import('./emulator-method.js');
    return loadEmulatorMethod(dir, opts);
  }
  return autoencoderMethod(loadAutoencoderRun(dir, { checkpoint: opts.checkpoint }), { chunks: opts.chunks });
}
