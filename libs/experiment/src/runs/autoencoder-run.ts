/**
 * Loading a trained autoencoder run directory (written by `lola-train ae`, docs/architecture.md §3):
 *
 *   <run>/config.yaml          resolved config: `stage: ae`, `ae` (DcaeConfig) and `data` (channels,
 *                              resolution, per-channel transforms, mean/std after the transform)
 *   <run>/last|best/weights.safetensors
 *
 * The same loader serves the latent cache, the evaluator and the benchmarks, so the preprocessing
 * travels with the weights (docs/method.md §1; the file-free parts are @lola-ts/autoencoders'
 * `autoencoderFromConfig`, used by the browser).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { autoencoderFromConfig, type AutoencoderRunData, type Dcae } from '@lola-ts/autoencoders';
import { runCheckpoint, type CheckpointChoice } from './checkpoint.js';
import { readRunManifest, type AeRunManifest } from './manifest.js';

/** A loaded AE run. */
export interface AutoencoderRun {
  /** Absolute path of the run directory. */
  dir: string;
  /** Run id (the directory name), recorded in latent caches. */
  runId: string;
  /** Which checkpoint directory was loaded. */
  checkpoint: string;
  ae: Dcae;
  data: AutoencoderRunData;
  /** The whole resolved config (for stage-specific keys). */
  config: Record<string, unknown>;
}

/**
 * Loads an AE run: its resolved config and the weights of `checkpoint` (`best` or `last`, default
 * `last`, LoLa's "final state"; a directory path also works). Errors name the missing or corrupt file.
 */
export function loadAutoencoderRun(dir: string, opts: { checkpoint?: CheckpointChoice } = {}): AutoencoderRun {
  const m = readRunManifest(dir, ['ae']) as AeRunManifest;
  const ckpt = runCheckpoint(m.dir, opts.checkpoint);
  const { ae, data } = autoencoderFromConfig(m.config, new Uint8Array(readFileSync(ckpt.weights)), m.file, ckpt.weights);
  return { dir: m.dir, runId: basename(m.dir), checkpoint: ckpt.dir, ae, data, config: m.config };
}
