/**
 * Run directories (docs/architecture.md §3):
 *   <run>/config.yaml     resolved config + provenance (package versions, commit, data stats as
 *                         given by the stage), written once when the run starts
 *   <run>/log.jsonl       one record per step / validation
 *   <run>/last/           weights.safetensors, optimizer.safetensors, state.json (for resuming)
 *   <run>/best/           weights.safetensors, state.json (best validation so far)
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkpointExists,
  readTrainingState,
  resolveCheckpointDir,
  STATE_FILE,
  WEIGHTS_FILE,
  type TrainingState,
} from '../checkpoint/checkpoint.js';
import { parseYaml, writeConfig } from '../config/load.js';
import type { Provenance } from '../config/provenance.js';

export interface RunPaths {
  root: string;
  config: string;
  log: string;
  last: string;
  best: string;
}

export function runPaths(root: string): RunPaths {
  return { root, config: join(root, 'config.yaml'), log: join(root, 'log.jsonl'), last: join(root, 'last'), best: join(root, 'best') };
}

export interface OpenRunOptions {
  /** 'auto' (default): resume when `last/` exists; 'never': fail if it exists; 'require': fail if it does not. */
  resume?: 'auto' | 'never' | 'require';
  /** Recorded under `provenance:` in config.yaml. */
  provenance?: Provenance;
  /** Top-level config keys allowed to differ from the stored config on resume (e.g. 'train'). */
  allowChanged?: readonly string[];
}

export interface OpenedRun {
  paths: RunPaths;
  /** The state to resume from, or null for a fresh run. */
  resumeFrom: TrainingState | null;
}

/**
 * Prepares a run directory: a fresh run writes `config.yaml`; a resumed run checks that the
 * stored config equals `config` (provenance aside) and returns the `last/` state.
 */
export function openRun(root: string, config: Record<string, unknown>, opts: OpenRunOptions = {}): OpenedRun {
  const paths = runPaths(root);
  const mode = opts.resume ?? 'auto';
  removeStaleTemps(root);
  const hasLast = checkpointExists(paths.last);
  if (!hasLast && existsSync(join(paths.last, WEIGHTS_FILE))) {
    throw new Error(
      `run directory ${root}: ${join(paths.last, WEIGHTS_FILE)} exists but ${join(paths.last, STATE_FILE)} is missing, so where training stands is unknown; ` +
        `restore state.json, or delete ${paths.last} to restart from step 0`,
    );
  }
  if (hasLast) {
    const state = readTrainingState(resolveCheckpointDir(paths.last)!);
    if (mode === 'never') {
      throw new Error(
        `run directory ${root} already holds a checkpoint (last/ at step ${state.step}); resume it or choose another run directory`,
      );
    }
    if (existsSync(paths.config)) {
      const stored = (parseYaml(readFileSync(paths.config, 'utf8'), paths.config) ?? {}) as Record<string, unknown>;
      const diffs = diffKeys(withoutProvenance(stored), withoutProvenance(config), '').filter(
        (k) => !(opts.allowChanged ?? []).includes(k.split('.')[0]!),
      );
      if (diffs.length)
        throw new Error(`cannot resume ${root}: the config differs from ${paths.config} at ${diffs.slice(0, 8).join(', ')}`);
    }
    return { paths, resumeFrom: state };
  }
  if (mode === 'require') throw new Error(`cannot resume ${root}: no checkpoint in ${paths.last}`);
  writeConfig(paths.config, opts.provenance ? { ...config, provenance: opts.provenance } : config, 'resolved config (lola-ts)');
  return { paths, resumeFrom: null };
}

/**
 * Removes `.last.tmp-<pid>-…` / `.best.tmp-<pid>-…` directories that a killed process left while
 * writing a checkpoint (`saveCheckpoint` writes beside the target, then renames).
 */
export function removeStaleTemps(root: string): string[] {
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const m = /^\.[^/]+\.tmp-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function withoutProvenance(c: Record<string, unknown>): Record<string, unknown> {
  const { provenance: _p, ...rest } = c;
  return rest;
}

/** Dotted key paths where two plain values differ. */
export function diffKeys(a: unknown, b: unknown, path: string): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffKeys(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || '<root>'];
}
