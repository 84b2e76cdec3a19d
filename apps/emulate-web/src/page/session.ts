/**
 * The models and the emulation itself, with the libraries' functions only (the same code as the
 * evaluator in Node): preprocess → AE encode of the first state → latent rollout (libs/emulation,
 * DM sampler from libs/diffusion or the NS) → AE decode → postprocess, window by window so the page
 * can draw as it goes. Window-by-window calls of `rollout` equal one call over the whole length:
 * each later window starts from the last emulated frame (overlap 1), and the DM's noise comes from
 * one seeded stream in the same order.
 */
import { Rng } from '@lola-ts/numerics';
import {
  autoencoderFromConfig,
  decode,
  encode,
  postprocessStates,
  preprocessStates,
  runCompressionRate,
  type AutoencoderRunData,
  type Dcae,
} from '@lola-ts/autoencoders';
import {
  decodeTrajectory,
  diffusionEmulator,
  emulatorFromConfig,
  rollout,
  solverEmulator,
  type Emulate,
  type EmulatorModel,
} from '@lola-ts/emulation';
import { lolaVrmse } from '@lola-ts/metrics';
import { disposeParams } from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';
import type { SiteData, SiteRun, SiteTrajectory } from '../manifest.js';

/** Bytes of a base64 string (a fresh, aligned buffer). */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface LoadedEmulator {
  run: SiteRun;
  model: EmulatorModel;
  /** Window length the run was trained with (data.window, default 5). */
  window: number;
}

export interface Models {
  ae: Dcae;
  aeData: AutoencoderRunData;
  compressionRate: number;
  emulators: LoadedEmulator[];
}

/** Rebuilds the AE and the emulators from the embedded configs and weights. */
export function loadModels(data: SiteData): Models {
  const { ae, data: aeData } = autoencoderFromConfig(
    data.ae.config,
    fromBase64(data.ae.weights),
    `${data.ae.runId}/config.yaml`,
    `${data.ae.runId}/weights.safetensors`,
  );
  const emulators = data.emulators.map((run) => {
    const model = emulatorFromConfig(run.config, fromBase64(run.weights), `${run.runId}/config.yaml`, `${run.runId}/weights.safetensors`);
    const window = (run.config.data as { window?: number } | undefined)?.window ?? 5;
    return { run, model, window };
  });
  return { ae, aeData, compressionRate: runCompressionRate({ ae, data: aeData }), emulators };
}

export function disposeModels(m: Models): void {
  disposeParams(m.ae);
  for (const e of m.emulators) disposeParams(e.model.params);
}

/** Frames of a trajectory as float32 [T, ...resolution, C]. */
export function trajectoryFrames(t: SiteTrajectory): Float32Array {
  const bytes = fromBase64(t.frames);
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

export interface SessionOptions {
  /** DM ensemble members (NS: always 1). */
  members: number;
  /** DM sampler steps. */
  steps: number;
  /** Seed of the DM's noise. */
  seed: number;
  /** Frames to emulate, including the initial state (default: the trajectory's length). */
  frames?: number;
}

/** One emulation of one trajectory by one emulator, advanced a window at a time. */
export class EmulationSession {
  readonly members: number;
  readonly total: number;
  /** Physical frames produced so far: each [S, ...resolution, C]. */
  readonly frames: Float32Array[] = [];
  /** LoLa VRMSE of the ensemble mean per produced frame and channel. */
  readonly vrmse: number[][] = [];
  /** Seconds of (rollout + decode) per window, and the states each produced (S × new frames). */
  readonly windows: { seconds: number; states: number }[] = [];
  private readonly emulate: Emulate;
  private readonly label?: tf.Tensor;
  private last: tf.Tensor | null = null;
  private readonly frameSize: number;

  constructor(
    private readonly models: Models,
    readonly emulator: LoadedEmulator,
    readonly truth: Float32Array,
    readonly shape: readonly number[],
    label: readonly number[],
    opts: SessionOptions,
  ) {
    const model = emulator.model;
    this.members = model.kind === 'dm' ? opts.members : 1;
    this.total = Math.min(opts.frames ?? shape[0]!, shape[0]!);
    this.frameSize = shape.slice(1).reduce((a, b) => a * b, 1);
    const features = model.model.labelFeatures ?? 0;
    if (features > 0) {
      if (label.length !== features)
        throw new Error(`${emulator.run.runId}: the model takes labels of ${features} features, the trajectory has ${label.length}`);
      this.label = tf.tensor2d(Float32Array.from(label), [1, features]);
    }
    this.emulate =
      model.kind === 'dm'
        ? diffusionEmulator(model.params, { schedule: model.schedule, rng: new Rng(opts.seed), steps: opts.steps, label: this.label })
        : solverEmulator(model.params, { label: this.label });
  }

  get produced(): number {
    return this.frames.length;
  }

  get done(): boolean {
    return this.frames.length >= this.total;
  }

  /** Seconds per emulated state over the windows so far ((rollout + decode) / states). */
  secondsPerState(skipFirst = false): number {
    const w = skipFirst && this.windows.length > 1 ? this.windows.slice(1) : this.windows;
    const s = w.reduce((a, x) => a + x.seconds, 0);
    const n = w.reduce((a, x) => a + x.states, 0);
    return n ? s / n : Number.NaN;
  }

  /** Emulates the next window; returns the number of new frames (0 when done). */
  async next(): Promise<number> {
    if (this.done) return 0;
    const { ae, aeData } = this.models;
    const window = this.emulator.window;
    const state = this.shape.slice(1);
    let zs: tf.Tensor;
    let skip: number;
    if (!this.last) {
      const x0 = preprocessStates(aeData, this.truth.subarray(0, this.frameSize));
      const z0 = tf.tidy(() => encode(ae, tf.tensor(x0, [1, ...state])));
      await z0.data();
      const t0 = performance.now();
      try {
        zs = rollout(this.emulate, z0, { rollout: window, ensemble: this.members });
      } finally {
        z0.dispose();
      }
      skip = 0;
      return this.finishWindow(zs, skip, t0);
    }
    const t0 = performance.now();
    zs = rollout(this.emulate, this.last, { rollout: window, batched: true });
    skip = 1;
    return this.finishWindow(zs, skip, t0);
  }

  private async finishWindow(zs: tf.Tensor, skip: number, t0: number): Promise<number> {
    const { ae, aeData } = this.models;
    const S = this.members;
    const k = Math.min(zs.shape[1]! - skip, this.total - this.frames.length);
    const fresh = tf.tidy(() => tf.slice(zs, [0, skip], [S, k]));
    this.last?.dispose();
    this.last = tf.tidy(() => tf.slice(zs, [0, zs.shape[1]! - 1], [S, 1]));
    zs.dispose();
    const y = decodeTrajectory((f) => decode(ae, f), fresh, { batched: true });
    fresh.dispose();
    const raw = (await y.data()) as Float32Array;
    y.dispose();
    const seconds = (performance.now() - t0) / 1000;
    this.windows.push({ seconds, states: S * k });
    const physical = postprocessStates(aeData, raw);
    const n = this.frameSize;
    const C = this.shape[this.shape.length - 1]!;
    for (let f = 0; f < k; f++) {
      const frame = new Float32Array(S * n);
      for (let s = 0; s < S; s++) frame.set(physical.subarray((s * k + f) * n, (s * k + f + 1) * n), s * n);
      const t = this.frames.length;
      const truth = this.truth.subarray(t * n, (t + 1) * n);
      const v = lolaVrmse({
        truth: { data: truth, shape: [1, ...this.shape.slice(1)] },
        ensemble: { data: frame, shape: [S, 1, ...this.shape.slice(1)] },
      });
      this.vrmse.push(Array.from({ length: C }, (_, c) => v.data[c]!));
      this.frames.push(frame);
    }
    return k;
  }

  dispose(): void {
    this.last?.dispose();
    this.last = null;
    this.label?.dispose();
  }
}
