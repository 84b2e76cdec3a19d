/**
 * Reading a stage config from a file that is either a stage config (`configs/ae-*.yaml`, what
 * `lola-train` takes) or a run's resolved `config.yaml` (the same keys plus `provenance`, which
 * is not part of the stage schema and is dropped). Programs that only read configs (the
 * benchmarks) use these instead of searching the YAML themselves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseYaml, resolveConfig, type Schema } from '@lola-ts/nn-blocks';
import { aeStageSchema, checkAeStageConfig, type AeStageConfig } from './ae.js';
import { checkEmulatorStageConfig, emulatorStageSchema, type EmulatorStageConfig } from './emulator.js';

function readStageFile<T>(path: string, schema: Schema<T>): T {
  if (!existsSync(path)) throw new Error(`config file not found: ${path}`);
  const raw = parseYaml(readFileSync(path, 'utf8'), path) ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return resolveConfig(raw, schema, { source: path });
  const { provenance: _provenance, ...config } = raw as Record<string, unknown>;
  return resolveConfig(config, schema, { source: path });
}

/** An AE stage config (or an AE run's `config.yaml`), validated like `loadAeStageConfig`. */
export function readAeStageFile(path: string): AeStageConfig {
  const cfg = readStageFile(path, aeStageSchema);
  checkAeStageConfig(cfg, path);
  return cfg;
}

/** A dm/ns stage config (or an emulator run's `config.yaml`), validated like `loadEmulatorStageConfig`. */
export function readEmulatorStageFile(path: string): EmulatorStageConfig {
  const cfg = readStageFile(path, emulatorStageSchema);
  checkEmulatorStageConfig(cfg, path);
  return cfg;
}
