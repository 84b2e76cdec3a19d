/**
 * The file-free part of an emulator run (usable in the browser): its `model:` mapping checked
 * field by field, and the DM or NS rebuilt from a resolved run config and the bytes of its weights.
 */
import {
  initDiffusionModel,
  makeSchedule,
  type DiffusionModelConfig,
  type DiffusionModelParams,
  type NoiseSchedule,
  type ScheduleConfig,
} from '@lola-ts/diffusion';
import { disposeParams, loadWeightsFromBytes } from '@lola-ts/nn-blocks';
import { initSolver, type SolverConfig, type SolverParams } from '@lola-ts/solvers';
import { Rng } from '@lola-ts/numerics';

/** A DM or NS rebuilt from its run's config and weights. */
export type EmulatorModel =
  | { kind: 'dm'; params: DiffusionModelParams; model: DiffusionModelConfig; schedule: NoiseSchedule }
  | { kind: 'ns'; params: SolverParams; model: SolverConfig };

export function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function need(obj: Record<string, unknown>, key: string, where: string, kind: 'integer' | 'number'): number {
  const v = obj[key];
  if (typeof v !== 'number' || (kind === 'integer' && !Number.isInteger(v)))
    throw new Error(`${where}.${key}: expected ${kind === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`);
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
    if (!(typeof patch === 'number' || (Array.isArray(patch) && patch.every((p) => typeof p === 'number'))))
      throw new Error(`${where}.patchSize: expected an integer or a list of integers`);
    cfg.patchSize = patch as number | number[];
  }
  return cfg;
}

/** Checks a resolved DM/NS run config (named `source` in errors) without building anything. */
export function parseEmulatorConfig(
  config: unknown,
  source: string,
): { kind: 'dm' | 'ns'; model: SolverConfig & DiffusionModelConfig; schedule?: ScheduleConfig } {
  if (!isMapping(config)) throw new Error(`${source}: expected a mapping at the top level`);
  const kind = config.stage;
  if (kind !== 'dm' && kind !== 'ns') throw new Error(`${source}: stage: expected "dm" or "ns", got ${JSON.stringify(kind)}`);
  const model = parseModelConfig(config.model, `${source}: model`);
  if (kind === 'ns') return { kind, model };
  const diffusion = config.diffusion;
  if (!isMapping(diffusion) || !isMapping(diffusion.schedule)) throw new Error(`${source}: diffusion.schedule: expected a mapping`);
  return { kind, model, schedule: diffusion.schedule as unknown as ScheduleConfig };
}

/**
 * Rebuilds a run's DM or NS from its resolved config and the bytes of its `weights.safetensors`
 * (`weightsSource` names that file in errors).
 */
export function emulatorFromConfig(
  config: unknown,
  weights: Uint8Array,
  source: string,
  weightsSource = 'weights.safetensors',
): EmulatorModel {
  const parsed = parseEmulatorConfig(config, source);
  const { model } = parsed;
  if (parsed.kind === 'dm') {
    const schedule = makeSchedule(parsed.schedule!);
    return { kind: 'dm', params: withWeights(initDiffusionModel(new Rng(0), model), weights, weightsSource), model, schedule };
  }
  return { kind: 'ns', params: withWeights(initSolver(new Rng(0), model), weights, weightsSource), model };
}

/** `params` with the weights of `weights` loaded into them; disposed, and the error rethrown, when they do not fit. */
function withWeights<P extends Parameters<typeof loadWeightsFromBytes>[1]>(params: P, weights: Uint8Array, weightsSource: string): P {
  try {
    loadWeightsFromBytes(weights, params, weightsSource);
  } catch (e) {
    disposeParams(params);
    throw e;
  }
  return params;
}
