/**
 * Pipeline configuration: a graph of stages (data → ae → cache → dm/ns → eval), each a command
 * line template expanded over sweep axes (datasets × compression rates). One stage becomes one job
 * (or one Slurm job array when it sweeps); `after` lists the stages whose outputs it needs.
 *
 * ```yaml
 * name: euler-sweep
 * workdir: runs/pipeline/euler
 * sweep: { rate: [c64, c16, c4] }
 * slurm: { partition: gpu, account: null }      # defaults for every stage
 * stages:
 *   data: { run: [lola-train, data, --system, euler, --out, "{workdir}/data"] }
 *   ae:   { after: [data], over: [rate], run: [lola-train, ae, --config, "configs/ae-euler-{rate}.yaml"],
 *           resources: { cpus: 8, gpus: 1, time: "1-00:00:00" } }
 * ```
 * `run[0]` is `lola-train`, `lola-eval`, `lola-bench` or `node` (a script run with the same Node binary).
 * Placeholders: `{workdir}`, `{name}`, `{stage}`, `{index}` and every sweep axis named in `over`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** `node` runs a script with the same Node binary (for custom steps). */
export type ProgramName = 'lola-train' | 'lola-eval' | 'lola-bench' | 'node';

export interface Resources {
  cpus?: number;
  gpus?: number;
  mem?: string;
  time?: string;
  partition?: string;
  account?: string;
  constraint?: string;
  /** Maximum array elements running at once (`--array=...%K`). */
  throttle?: number;
}

export interface StageConfig {
  run: string[];
  after: string[];
  over: string[];
  resources: Resources;
}

export interface PipelineConfig {
  name: string;
  /** Absolute path of the pipeline's working directory. */
  workdir: string;
  sweep: Record<string, string[]>;
  slurm: Resources;
  /** Local launcher: `jobs` elements run at once (default 1), each as soon as its inputs are done. */
  local: { jobs: number };
  stages: Record<string, StageConfig>;
  /** The file the config came from (for error messages). */
  source: string;
}

const RESOURCE_KEYS: Record<keyof Resources, 'number' | 'string'> = {
  cpus: 'number',
  gpus: 'number',
  mem: 'string',
  time: 'string',
  partition: 'string',
  account: 'string',
  constraint: 'string',
  throttle: 'number',
};

class PipelineConfigError extends Error {}

function fail(file: string, key: string, expected: string, got: unknown): never {
  throw new PipelineConfigError(`${file}: '${key}' must be ${expected}, got ${JSON.stringify(got)}`);
}

function parseResources(file: string, key: string, raw: unknown): Resources {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(file, key, 'a mapping of resources', raw);
  const out: Resources = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const type = RESOURCE_KEYS[k as keyof Resources];
    if (!type)
      throw new PipelineConfigError(`${file}: unknown key '${key}.${k}' (expected one of ${Object.keys(RESOURCE_KEYS).join(', ')})`);
    if (v === null) continue;
    if (typeof v !== type) fail(file, `${key}.${k}`, `a ${type}`, v);
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function parseLocal(file: string, raw: unknown): { jobs: number } {
  if (raw === undefined || raw === null) return { jobs: 1 };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(file, 'local', 'a mapping like { jobs: 2 }', raw);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (k !== 'jobs') throw new PipelineConfigError(`${file}: unknown key 'local.${k}' (expected jobs)`);
  const jobs = obj.jobs ?? 1;
  if (typeof jobs !== 'number' || !Number.isInteger(jobs) || jobs < 1 || jobs > 64)
    fail(file, 'local.jobs', 'an integer from 1 to 64', jobs);
  return { jobs };
}

function stringList(file: string, key: string, raw: unknown, allowEmpty = true): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string' && typeof x !== 'number')) fail(file, key, 'a list of strings', raw);
  if (!allowEmpty && raw.length === 0) fail(file, key, 'a non-empty list', raw);
  return raw.map(String);
}

/** Parses and validates a pipeline config object; `file` names the source in errors. */
export function parsePipelineConfig(raw: unknown, file: string, cwd = process.cwd()): PipelineConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, '(root)', 'a mapping', raw);
  const obj = raw as Record<string, unknown>;
  const known = new Set(['name', 'workdir', 'sweep', 'slurm', 'local', 'stages']);
  for (const k of Object.keys(obj))
    if (!known.has(k)) throw new PipelineConfigError(`${file}: unknown key '${k}' (expected one of ${[...known].join(', ')})`);
  if (typeof obj.name !== 'string' || !/^[\w.-]+$/.test(obj.name))
    fail(file, 'name', 'a name of letters, digits, dots, dashes or underscores', obj.name);
  if (typeof obj.workdir !== 'string' || obj.workdir === '') fail(file, 'workdir', 'a path', obj.workdir);
  const sweep: Record<string, string[]> = {};
  if (obj.sweep !== undefined) {
    if (typeof obj.sweep !== 'object' || obj.sweep === null || Array.isArray(obj.sweep))
      fail(file, 'sweep', 'a mapping of axis -> list of values', obj.sweep);
    for (const [axis, values] of Object.entries(obj.sweep as Record<string, unknown>))
      sweep[axis] = stringList(file, `sweep.${axis}`, values, false);
  }
  if (typeof obj.stages !== 'object' || obj.stages === null || Array.isArray(obj.stages))
    fail(file, 'stages', 'a mapping of stage name -> stage', obj.stages);
  const stages: Record<string, StageConfig> = {};
  for (const [name, s] of Object.entries(obj.stages as Record<string, unknown>)) {
    if (!/^[\w-]+$/.test(name)) fail(file, `stages.${name}`, 'a stage name of letters, digits, dashes or underscores', name);
    if (typeof s !== 'object' || s === null || Array.isArray(s)) fail(file, `stages.${name}`, 'a mapping', s);
    const st = s as Record<string, unknown>;
    for (const k of Object.keys(st))
      if (!['run', 'after', 'over', 'resources'].includes(k))
        throw new PipelineConfigError(`${file}: unknown key 'stages.${name}.${k}' (expected run, after, over, resources)`);
    const run = stringList(file, `stages.${name}.run`, st.run, false);
    if (!['lola-train', 'lola-eval', 'lola-bench', 'node'].includes(run[0]!))
      fail(file, `stages.${name}.run[0]`, "'lola-train', 'lola-eval', 'lola-bench' or 'node'", run[0]);
    const over = stringList(file, `stages.${name}.over`, st.over);
    for (const axis of over)
      if (!sweep[axis])
        fail(file, `stages.${name}.over`, `sweep axes declared under 'sweep' (${Object.keys(sweep).join(', ') || 'none'})`, axis);
    stages[name] = {
      run,
      after: stringList(file, `stages.${name}.after`, st.after),
      over,
      resources: parseResources(file, `stages.${name}.resources`, st.resources),
    };
  }
  for (const [name, st] of Object.entries(stages)) {
    for (const dep of st.after)
      if (!stages[dep]) fail(file, `stages.${name}.after`, `names of stages in this file (${Object.keys(stages).join(', ')})`, dep);
  }
  return {
    name: obj.name,
    workdir: path.resolve(cwd, obj.workdir),
    sweep,
    slurm: parseResources(file, 'slurm', obj.slurm),
    local: parseLocal(file, obj.local),
    stages,
    source: file,
  };
}

/** Loads a pipeline YAML file, applying dotted `key=value` overrides (e.g. `workdir=/scratch/x`). */
export function loadPipelineConfig(file: string, overrides: string[] = []): PipelineConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PipelineConfigError(`${file}: cannot read pipeline config (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new PipelineConfigError(`${file}: invalid YAML (${(err as Error).message})`);
  }
  for (const o of overrides) {
    const eq = o.indexOf('=');
    if (eq <= 0) throw new PipelineConfigError(`override '${o}' must look like dotted.key=value`);
    const keys = o.slice(0, eq).split('.');
    let node = raw as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) {
      if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys.at(-1)!] = parse(o.slice(eq + 1));
  }
  return parsePipelineConfig(raw, file);
}
