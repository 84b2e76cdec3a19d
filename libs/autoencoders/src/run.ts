/**
 * Loading a trained autoencoder run directory (written by `lola-train ae`, docs/architecture.md §3):
 *
 *   <run>/config.yaml          resolved config: `ae` (DcaeConfig) and `data` (channels, resolution,
 *                              per-channel transforms, mean/std after the transform)
 *   <run>/last|best/weights.safetensors
 *
 * The same loader serves the latent cache, the evaluator and the benchmarks, so the preprocessing
 * travels with the weights (docs/method.md §1; the file-free parts are in run-data.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseYaml, resolveCheckpointDir, WEIGHTS_FILE } from '@lola-ts/nn-blocks';
import type { Dcae } from './dcae.js';
import { autoencoderFromConfig, parseAutoencoderConfig, type AutoencoderRunData } from './run-data.js';

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
export function loadAutoencoderRun(dir: string, opts: { checkpoint?: 'best' | 'last' | (string & {}) } = {}): AutoencoderRun {
  const root = resolve(dir);
  if (!existsSync(root)) throw new Error(`autoencoder run not found: ${dir}`);
  const configPath = join(root, 'config.yaml');
  if (!existsSync(configPath)) throw new Error(`${dir} is not an autoencoder run: ${configPath} is missing`);
  const config = parseYaml(readFileSync(configPath, 'utf8'), configPath);
  parseAutoencoderConfig(config, configPath);
  const which = opts.checkpoint ?? 'last';
  const ckptDir = which === 'best' || which === 'last' ? join(root, which) : resolve(which);
  const resolved = resolveCheckpointDir(ckptDir) ?? (existsSync(join(ckptDir, WEIGHTS_FILE)) ? ckptDir : null);
  if (!resolved) throw new Error(`checkpoint not found: ${ckptDir} (no ${WEIGHTS_FILE}; has the run saved a '${which}' checkpoint?)`);
  const weights = join(resolved, WEIGHTS_FILE);
  if (!existsSync(weights)) throw new Error(`checkpoint file not found: ${weights}`);
  const { ae, data } = autoencoderFromConfig(config, new Uint8Array(readFileSync(weights)), configPath, weights);
  return { dir: root, runId: basename(root), checkpoint: resolved, ae, data, config: config as Record<string, unknown> };
}
