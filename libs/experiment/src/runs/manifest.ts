/**
 * The one reader of run directories (docs/architecture.md §3). A stage's output directory holds one
 * manifest: `<run>/config.yaml` (ae, dm, ns: the resolved stage config, `stage:` recorded) or
 * `<cache>/cache.yaml` (cache). `readRunManifest` finds it, reads the stage (recorded, or inferred for
 * old runs in ./legacy.ts only) and checks the parts its readers use: the AE's model and data
 * section, the emulator's model, schedule and data section, the cache's keys.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAutoencoderConfig, type AutoencoderRunData, type DcaeConfig } from '@lola-ts/autoencoders';
import type { DiffusionModelConfig, ScheduleConfig } from '@lola-ts/diffusion';
import { parseEmulatorConfig } from '@lola-ts/emulation';
import { parseYaml, validateConfig } from '@lola-ts/nn-blocks';
import type { SolverConfig } from '@lola-ts/solvers';
import { cacheManifestSchema, type CacheManifest } from '../stages/cache.js';
import { parseEmulatorData, type EmulatorRunData } from './emulator-data.js';
import { inferLegacyStage } from './legacy.js';
import { manifestFile, STAGES, type Stage } from './stage.js';

interface ManifestBase {
  /** Absolute path of the run directory. */
  dir: string;
  /** The manifest file read. */
  file: string;
  /** The whole parsed manifest (for stage-specific keys). */
  config: Record<string, unknown>;
  /** True when the stage was inferred (./legacy.ts), not recorded. */
  legacy: boolean;
}

/** An AE run: its model config and data section (what the model expects as input). */
export interface AeRunManifest extends ManifestBase {
  stage: 'ae';
  aeConfig: DcaeConfig;
  data: AutoencoderRunData;
}

/** A latent cache: `cache.yaml`. */
export interface CacheRunManifest extends ManifestBase {
  stage: 'cache';
  cache: CacheManifest;
}

/** A DM or NS run: model config, noise schedule (dm) and data section. */
export interface EmulatorRunManifest extends ManifestBase {
  stage: 'dm' | 'ns';
  model: SolverConfig & DiffusionModelConfig;
  schedule?: ScheduleConfig;
  data: EmulatorRunData;
}

/** What `readRunManifest` returns, by stage. */
export type RunManifest = AeRunManifest | CacheRunManifest | EmulatorRunManifest;

function readYamlMapping(file: string): Record<string, unknown> {
  const v = parseYaml(readFileSync(file, 'utf8'), file) ?? {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`${file}: expected a mapping at the top level`);
  return v as Record<string, unknown>;
}

/** The recorded stage of `config`, or the legacy inference; a recorded stage that is not one of ours is an error. */
function stageOf(config: Record<string, unknown>, file: string): { stage: Stage; legacy: boolean } {
  if (config.stage === undefined) return { stage: inferLegacyStage(config, file), legacy: true };
  if (!(STAGES as readonly unknown[]).includes(config.stage))
    throw new Error(`${file}: stage: expected one of ${STAGES.join(', ')}, got ${JSON.stringify(config.stage)}`);
  return { stage: config.stage as Stage, legacy: false };
}

/** How the runs of `stages` are named in errors. */
function describeStages(stages: readonly Stage[]): string {
  if (stages.length === 1 && stages[0] === 'ae') return 'autoencoder run';
  if (stages.length === 1 && stages[0] === 'cache') return 'latent cache';
  if (stages.every((st) => st === 'dm' || st === 'ns')) return 'emulator run';
  return 'run directory';
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/**
 * Reads the manifest of the run directory `dir` (`config.yaml`, or `cache.yaml` for a cache). `expect` lists
 * the stages the caller can use; another stage is an error naming the file and what it is.
 */
export function readRunManifest(dir: string, expect: readonly Stage[] = STAGES): RunManifest {
  const root = resolve(dir);
  const what = describeStages(expect);
  if (!existsSync(root)) throw new Error(`${what} not found: ${dir}`);
  const files = [...new Set(expect.map(manifestFile))].map((f) => join(root, f));
  const file = files.find((f) => existsSync(f));
  if (!file) throw new Error(`${dir} is not ${article(what)} ${what}: ${files.join(' or ')} is missing`);
  const config = readYamlMapping(file);
  const { stage, legacy } = stageOf(config, file);
  if (!expect.includes(stage)) throw new Error(`${file}: a run of stage ${stage}, expected ${expect.join(' or ')}`);
  const base = { dir: root, file, config, legacy };
  if (stage === 'ae') return { ...base, stage, ...parseAutoencoderConfig(config, file) };
  if (stage === 'cache') {
    const { provenance: _provenance, ...rest } = config;
    return { ...base, stage, cache: validateConfig(cacheManifestSchema, rest, file) };
  }
  const { model, schedule } = parseEmulatorConfig(config, file);
  return { ...base, stage, model, schedule, data: parseEmulatorData(config.data, file) };
}

/** The latent cache manifest of `dir` (`<dir>/cache.yaml`). */
export function readCacheManifest(dir: string): CacheRunManifest {
  return readRunManifest(dir, ['cache']) as CacheRunManifest;
}
