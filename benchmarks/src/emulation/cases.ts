/**
 * The emulators timed by `lola-bench emulation`, built exactly as the workflow runs them
 * (docs/method.md §10, §13.5): a latent or pixel-space ViT neural solver or diffusion model, rolled out
 * with `@lola-ts/emulation`'s `rollout` (context 1, overlap 1, the ensemble as one batch, the DM
 * sampled with the AB3 sampler), then — for latent models — every frame decoded with the DCAE
 * (`decodeTrajectory`, 4 chunks as LoLa does for Euler). Weights are random with a fixed seed:
 * these models are for speed only.
 *
 * Pixel models use the same ViT with a (1, p, p) patch; by default p = f, the AE's down-sampling
 * factor, so pixel and latent models see the same number of tokens.
 */
import { Rng } from '@lola-ts/numerics';
import { compressionRate, decode, encode, initDcae, latentShape, type Dcae } from '@lola-ts/autoencoders';
import { initDiffusionModel, logLogitSchedule, type DiffusionModelParams } from '@lola-ts/diffusion';
import { decodeTrajectory, diffusionEmulator, rollout, solverEmulator, type Emulate } from '@lola-ts/emulation';
import { countParams, disposeParams } from '@lola-ts/nn-blocks';
import { initSolver, type SolverParams } from '@lola-ts/solvers';
import * as tf from '@tensorflow/tfjs-core';
import { dcaeConfigOf, type AeArchitecture, type VitArchitecture } from './architecture.js';

export type EmulatorMethod = 'ns' | 'dm' | 'pixel-ns' | 'pixel-dm';
export type Method = 'simulator' | EmulatorMethod;

/** One emulator configuration to time. */
export interface EmulatorCase {
  method: EmulatorMethod;
  /** Input resolution N (N × N pixels). */
  resolution: number;
  /** Physical channels of a state. */
  channels: number;
  vit: VitArchitecture;
  /** The autoencoder (latent methods only). */
  ae?: AeArchitecture;
  /** Patch side p of the pixel models (1 for latent models). */
  patch: number;
  /** Ensemble members actually run (one batch). */
  members: number;
  /** Sampler steps (DMs; null for NSs). */
  steps: number | null;
  /** Emulated states per member (rollout length). */
  frames: number;
  seed: number;
}

const isLatent = (m: EmulatorMethod) => m === 'ns' || m === 'dm';
const isDiffusion = (m: EmulatorMethod) => m === 'dm' || m === 'pixel-dm';

/** Tokens per 5-state window: 5·(N/f)² for latent models, 5·(N/p)² for pixel models. */
export function tokensOf(method: EmulatorMethod, resolution: number, factor: number, patch: number): number {
  const side = isLatent(method) ? resolution / factor : resolution / patch;
  return 5 * side * side;
}

/**
 * Ensemble members run for a model with `tokens` tokens per window: the requested ensemble,
 * capped so that members × tokens ≤ maxBatchTokens (at least 1). Per-state cost on a CPU is nearly
 * independent of the batch, while memory (attention: members·heads·tokens² scores) is not.
 */
export function membersFor(ensemble: number, tokens: number, maxBatchTokens: number): number {
  return Math.max(1, Math.min(ensemble, Math.floor(maxBatchTokens / tokens)));
}

/** A built case: run it (timed), warm it up, dispose it. */
export interface BuiltCase {
  /** Rollout + decode once; returns the wall times of both parts in ms. */
  run(): Promise<{ rolloutMs: number; decodeMs: number }>;
  /** One cheap pass at the measured shapes (one window with one sampler step, plus its decode). */
  warmUp(): Promise<void>;
  dispose(): void;
  compressionRate: number;
  /** Shape of one emulated state [h, w, c] (the latent for latent methods). */
  stateShape: number[];
  tokens: number;
  /** Parameters of the emulator (and of the decoder for latent methods). */
  emulatorParams: number;
  decoderParams: number;
}

function randomState(shape: number[], rng: Rng): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return tf.tensor(v, shape);
}

/** Builds the models of a case (random weights from `seed`) and its start state. */
export function buildCase(c: EmulatorCase): BuiltCase {
  const rng = new Rng(`lola-bench/emulation/${c.method}/${c.ae?.latChannels ?? 'pixel'}/${c.resolution}/${c.seed}`);
  const pixelShape = [c.resolution, c.resolution, c.channels];
  let ae: Dcae | undefined;
  let start: tf.Tensor;
  let rate = 1;
  if (isLatent(c.method)) {
    if (!c.ae) throw new Error(`emulation case ${c.method} at ${c.resolution}²: a latent method needs an autoencoder`);
    const cfg = dcaeConfigOf(c.ae, c.channels);
    ae = initDcae(cfg, rng.fork('ae'));
    rate = compressionRate(cfg, pixelShape);
    const x0 = randomState([1, ...pixelShape], rng.fork('x0'));
    start = encode(ae, x0); // [T = 1, h, w, c]: the encoded first state (not timed, as in LoLa)
    x0.dispose();
  } else {
    if (c.resolution % c.patch !== 0)
      throw new Error(`emulation case ${c.method}: resolution ${c.resolution} is not divisible by the pixel patch ${c.patch}`);
    start = randomState([1, ...pixelShape], rng.fork('x0'));
  }
  const stateShape = start.shape.slice(1);
  const channels = stateShape[2]!;
  const common = {
    channels,
    spatial: 3,
    hidChannels: c.vit.hidChannels,
    hidBlocks: c.vit.hidBlocks,
    heads: c.vit.heads,
    embFeatures: c.vit.embFeatures,
    dropout: 0,
    patchSize: isLatent(c.method) ? 1 : [1, c.patch, c.patch],
  };
  const model: DiffusionModelParams | SolverParams = isDiffusion(c.method)
    ? initDiffusionModel(rng.fork('model'), common)
    : initSolver(rng.fork('model'), common);
  const schedule = logLogitSchedule();
  const noise = rng.fork('noise');
  const emulator = (steps: number | null): Emulate =>
    isDiffusion(c.method)
      ? diffusionEmulator(model as DiffusionModelParams, { schedule, rng: noise, sampler: 'ab', steps: steps ?? 16 })
      : solverEmulator(model as SolverParams);
  const decodeFrames = (z: tf.Tensor) => decodeTrajectory((f) => decode(ae!, f), z, { batched: true, chunks: 4 });

  const once = async (emulate: Emulate, frames: number) => {
    const t0 = performance.now();
    const traj = rollout(emulate, start, { rollout: frames, ensemble: c.members });
    await traj.data(); // forces completion on asynchronous backends (WebGPU)
    const t1 = performance.now();
    let decodeMs = 0;
    if (ae) {
      const x = decodeFrames(traj);
      await x.data();
      decodeMs = performance.now() - t1;
      x.dispose();
    }
    traj.dispose();
    return { rolloutMs: t1 - t0, decodeMs };
  };
  const timed = emulator(c.steps);
  return {
    run: () => once(timed, c.frames),
    warmUp: async () => {
      await once(emulator(c.steps === null ? null : 1), Math.min(c.frames, 5));
    },
    dispose: () => {
      start.dispose();
      disposeParams(model);
      if (ae) disposeParams(ae);
    },
    compressionRate: rate,
    stateShape: isLatent(c.method) ? latentShape(dcaeConfigOf(c.ae!, c.channels), [c.resolution, c.resolution]) : pixelShape,
    tokens: 5 * (stateShape[0]! / (isLatent(c.method) ? 1 : c.patch)) * (stateShape[1]! / (isLatent(c.method) ? 1 : c.patch)),
    emulatorParams: countParams(model),
    decoderParams: ae ? countParams(ae.decoder) : 0,
  };
}
