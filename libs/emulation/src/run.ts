/**
 * Emulator run directories written by `lola-train dm|ns` (ARCHITECTURE §3): `config.yaml` holds
 * `stage` (dm | ns), `model` (the full model config: channels, spatial, sizes, labelFeatures,
 * patchSize), `diffusion.schedule` for a DM, and `data` (window, stride, and for pixel solvers the
 * preprocessing); `last/` and `best/` hold `weights.safetensors`. `loadEmulatorRun` rebuilds the
 * model from the config and loads the weights, so the evaluator needs only the run directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { initDiffusionModel, makeSchedule, type DiffusionModelConfig, type DiffusionModelParams, type NoiseSchedule, type ScheduleConfig } from '@lola-ts/diffusion';
import { disposeParams, loadWeights, parseYaml, resolveCheckpointDir } from '@lola-ts/nn-blocks';
import { initSolver, type SolverConfig, type SolverParams } from '@lola-ts/solvers';
import { Rng } from '@lola-ts/well-data';

export type EmulatorRun =
  | { kind: 'dm'; dir: string; runId: string; checkpoint: string; params: DiffusionModelParams; model: DiffusionModelConfig; schedule: NoiseSchedule; config: Record<string, unknown> }
  | { kind: 'ns'; dir: string; runId: string; checkpoint: string; params: SolverParams; model: SolverConfig; config: Record<string, unknown> };

function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function need(obj: Record<string, unknown>, key: string, where: string, kind: 'integer' | 'number'): number {
  const v = obj[key];
  if (typeof v !== 'number' || (kind === 'integer' && !Number.isInteger(v))) throw new Error(`${where}.${key}: expected ${kind === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`);
  return v;
}

/** The model config of a run's `model:` mapping, checked field by field. */
export function parseModelConfig(raw: unknown, where: string): SolverConfig & DiffusionModelConfig {
  if (!isMapping(raw)) throw new Error(`${where}: expected a mapping`);
  const cfg: SolverConfig & DiffusionModelConfig = {
    channels: need(raw, 'channels', where, 'integer'),
    spatial: need(raw, 'spatial', where, 'integer'),
    hidChannels: need(raw, 'hidChannels', where, 'integer'),
    hidBlocks: need(raw, 'hidBlocks', where, 'integer'),
    heads: need(raw, 'heads', where, 'integer'),
    embFeatures: need(raw, 'embFeatures', where, 'integer'),
    labelFeatures: need(raw, 'labelFeatures', where, 'integer'),
    dropout: need(raw, 'dropout', where, 'number'),
    ffnFactor: raw.ffnFactor === undefined ? 4 : need(raw, 'ffnFactor', where, 'integer'),
  };
  const patch = raw.patchSize;
  if (patch !== undefined) {
    if (!(typeof patch === 'number' || (Array.isArray(patch) && patch.every((p) => typeof p === 'number')))) throw new Error(`${where}.patchSize: expected an integer or a list of integers`);
    cfg.patchSize = patch as number | number[];
  }
  return cfg;
}

/** Loads a `lola-train dm|ns` run (checkpoint `last` by default, or `best`, or a directory). */
export function loadEmulatorRun(dir: string, opts: { checkpoint?: 'last' | 'best' | (string & {}) } = {}): EmulatorRun {
  const root = resolve(dir);
  const configPath = join(root, 'config.yaml');
  if (!existsSync(configPath)) throw new Error(`${dir} is not an emulator run: ${configPath} is missing`);
  const config = parseYaml(readFileSync(configPath, 'utf8'), configPath);
  if (!isMapping(config)) throw new Error(`${configPath}: expected a mapping at the top level`);
  const kind = config.stage;
  if (kind !== 'dm' && kind !== 'ns') throw new Error(`${configPath}: stage: expected "dm" or "ns", got ${JSON.stringify(kind)}`);
  const model = parseModelConfig(config.model, `${configPath}: model`);
  const which = opts.checkpoint ?? 'last';
  const ckptDir = which === 'best' || which === 'last' ? join(root, which) : resolve(which);
  const resolved = resolveCheckpointDir(ckptDir) ?? (existsSync(join(ckptDir, 'weights.safetensors')) ? ckptDir : null);
  if (!resolved) throw new Error(`checkpoint not found: ${ckptDir} (no weights.safetensors; has the run saved a '${which}' checkpoint?)`);
  const weights = join(resolved, 'weights.safetensors');
  const base = { dir: root, runId: basename(root), checkpoint: resolved, config };
  if (kind === 'dm') {
    const diffusion = config.diffusion;
    if (!isMapping(diffusion) || !isMapping(diffusion.schedule)) throw new Error(`${configPath}: diffusion.schedule: expected a mapping`);
    const schedule = makeSchedule(diffusion.schedule as unknown as ScheduleConfig);
    const params = initDiffusionModel(new Rng(0), model);
    try {
      loadWeights(weights, params);
    } catch (e) {
      disposeParams(params);
      throw e;
    }
    return { kind, ...base, params, model, schedule };
  }
  const params = initSolver(new Rng(0), model);
  try {
    loadWeights(weights, params);
  } catch (e) {
    disposeParams(params);
    throw e;
  }
  return { kind, ...base, params, model };
}
