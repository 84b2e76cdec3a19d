/**
 * Loading, validating and dumping YAML configs (docs/architecture.md §4).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from '../checkpoint/atomic.js';
import { applyOverrides, parseOverrides } from './overrides.js';
import type { Issue, Schema } from './schema.js';

/** A config that failed validation; `issues` lists every problem with its key path. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: Issue[],
  ) {
    super(`invalid config ${source}:\n${issues.map((i) => `  - ${i.path || '<root>'}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates a plain value against a schema; throws a `ConfigError` naming `source` and every key path. */
export function validateConfig<T>(schema: Schema<T>, value: unknown, source = 'config'): T {
  const issues: Issue[] = [];
  const out = schema.check(value, '', issues);
  if (issues.length > 0 || out === undefined)
    throw new ConfigError(source, issues.length ? issues : [{ path: '', message: `expected ${schema.expected}` }]);
  return out;
}

/** Parses YAML text (errors name the source and the line). */
export function parseYaml(text: string, source = 'config'): unknown {
  try {
    return parse(text);
  } catch (e) {
    throw new Error(`${source}: invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

export interface LoadConfigOptions {
  /** `dotted.key=value` overrides applied after the file (and after `base`). */
  overrides?: readonly string[];
  /** Values the file is merged onto (e.g. a stage's defaults), deep-merged key by key. */
  base?: Record<string, unknown>;
}

/** Reads a YAML file, applies dotted overrides, validates with `schema` and returns the typed config. */
export function loadConfig<T>(path: string, schema: Schema<T>, opts: LoadConfigOptions = {}): T {
  if (!existsSync(path)) throw new Error(`config file not found: ${path}`);
  const raw = parseYaml(readFileSync(path, 'utf8'), path) ?? {};
  return resolveConfig(raw, schema, { ...opts, source: path });
}

/** Validates an in-memory config (with optional base and overrides). */
export function resolveConfig<T>(raw: unknown, schema: Schema<T>, opts: LoadConfigOptions & { source?: string } = {}): T {
  const source = opts.source ?? 'config';
  const merged = opts.base ? deepMerge(opts.base, raw) : raw;
  const withOverrides = opts.overrides?.length ? applyOverrides(merged, parseOverrides(opts.overrides)) : merged;
  const label = opts.overrides?.length ? `${source} (with overrides ${opts.overrides.join(' ')})` : source;
  return validateConfig(schema, withOverrides, label);
}

/** Recursively merges mappings (`over` wins; lists and scalars replace). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return structuredClone(over);
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return structuredClone(over);
  const out: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}

/** YAML text of a (resolved) config, keys in schema order. */
export function dumpConfig(config: unknown, header?: string): string {
  const body = stringify(config, { lineWidth: 0 });
  return header
    ? `${header
        .split('\n')
        .map((l) => `# ${l}`)
        .join('\n')}\n${body}`
    : body;
}

/** Writes a resolved config as YAML atomically. */
export function writeConfig(path: string, config: unknown, header?: string): void {
  writeFileAtomic(path, dumpConfig(config, header));
}
