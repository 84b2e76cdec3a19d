/**
 * Emulators for `rollout`: one window from its known frames (docs/method.md §10, LoLa's
 * `emulate_diffusion` / `emulate_surrogate`).
 */
import {
  diffusionDenoiser,
  getSampler,
  initialNoise,
  maskedDenoiser,
  mmpsDenoiser,
  type DiffusionModelParams,
  type MmpsOptions,
  type NoiseSchedule,
  type SamplerName,
} from '@lola-ts/diffusion';
import type { RandomSource } from '@lola-ts/numerics';
import { solverForward, type SolverParams } from '@lola-ts/solvers';
import * as tf from '@tensorflow/tfjs-core';
import type { Emulate, EmulateRequest } from './rollout.js';

export interface DiffusionEmulatorOptions {
  schedule: NoiseSchedule;
  /** Source of each call's initial noise (one draw per element, batch-major): seeded ensembles. */
  rng: RandomSource;
  /** Sampler (default `ab`, LoLa's order-3 Adams–Bashforth). */
  sampler?: SamplerName;
  /** Sampler steps (default 16). */
  steps?: number;
  /** Labels [B or 1, D_label] for a label-conditioned model. */
  label?: tf.Tensor;
  /**
   * Optional MMPS guidance per window (linear operator on the model's state space): given the
   * request, return the observations and operator for the window's unknown frames, or undefined.
   * The guidance wraps the denoiser inside the masked denoiser, as in the reference.
   */
  guidance?: (request: EmulateRequest) => MmpsOptions | undefined;
}

/**
 * The DM emulator: x ~ N(0, (1+σ_max²)I) → sampler with the masked denoiser (known frames
 * overwritten at every call and in the output; docs/method.md §6.5, §7).
 */
export function diffusionEmulator(params: DiffusionModelParams, opts: DiffusionEmulatorOptions): Emulate {
  const sampler = getSampler(opts.sampler ?? 'ab');
  const steps = opts.steps ?? 16;
  return (request) => {
    const base = diffusionDenoiser(params, { label: opts.label });
    const guide = opts.guidance?.(request);
    const inner = guide ? mmpsDenoiser(base, guide) : base;
    const denoiser = maskedDenoiser(inner, request.y, request.mask);
    const x1 = initialNoise(request.y.shape, opts.schedule, opts.rng);
    try {
      return sampler(denoiser, x1, opts.schedule, steps);
    } finally {
      x1.dispose();
    }
  };
}

/** The NS emulator: the whole window predicted from x·mask and mask (dropout off). */
export function solverEmulator(params: SolverParams, opts: { label?: tf.Tensor } = {}): Emulate {
  return (request) => solverForward(params, { x: request.y, mask: request.mask, label: opts.label });
}
