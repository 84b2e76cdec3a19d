/**
 * Emulator run directories written by `lola-train dm|ns` (docs/architecture.md §3): `config.yaml` holds
 * `stage` (dm | ns), `model` (the full model config: channels, spatial, sizes, labelFeatures,
 * patchSize), `diffusion.schedule` for a DM, and `data` (window, stride, and for pixel solvers the
 * preprocessing); `last/` and `best/` hold `weights.safetensors`. `loadEmulatorRun` rebuilds the
 * model from the config and loads the weights, so the evaluator needs only the run directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DiffusionModelConfig, DiffusionModelParams, NoiseSchedule } from '@lola-ts/diffusion';
import { parseYaml, resolveCheckpointDir } from '@lola-ts/nn-blocks';
import type { SolverConfig, SolverParams } from '@lola-ts/solvers';
import { emulatorFromConfig, parseEmulatorConfig } from './model-config.js';

export type EmulatorRun =
  | {
      kind: 'dm';
      dir: string;
      runId: string;
      checkpoint: string;
      params: DiffusionModelParams;
      model: DiffusionModelConfig;
      schedule: NoiseSchedule;
      config: Record<string, unknown>;
    }
  | {
      kind: 'ns';
      dir: string;
      runId: string;
      checkpoint: string;
      params: SolverParams;
      model: SolverConfig;
      config: Record<string, unknown>;
    };

/** Loads a `lola-train dm|ns` run (checkpoint `last` by default, or `best`, or a directory). */
export function loadEmulatorRun(dir: string, opts: { checkpoint?: 'last' | 'best' | (string & {}) } = {}): EmulatorRun {
  const root = resolve(dir);
  const configPath = join(root, 'config.yaml');
  if (!existsSync(configPath)) throw new Error(`${dir} is not an emulator run: ${configPath} is missing`);
  const config = parseYaml(readFileSync(configPath, 'utf8'), configPath) as Record<string, unknown>;
  parseEmulatorConfig(config, configPath);
  const which = opts.checkpoint ?? 'last';
  const ckptDir = which === 'best' || which === 'last' ? join(root, which) : resolve(which);
  const resolved = resolveCheckpointDir(ckptDir) ?? (existsSync(join(ckptDir, 'weights.safetensors')) ? ckptDir : null);
  if (!resolved) throw new Error(`checkpoint not found: ${ckptDir} (no weights.safetensors; has the run saved a '${which}' checkpoint?)`);
  const weights = join(resolved, 'weights.safetensors');
  if (!existsSync(weights)) throw new Error(`checkpoint file not found: ${weights}`);
  const built = emulatorFromConfig(config, new Uint8Array(readFileSync(weights)), configPath, weights);
  return { ...built, dir: root, runId: basename(root), checkpoint: resolved, config } as EmulatorRun;
}
