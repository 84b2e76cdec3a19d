/**
 * What produced a run (docs/architecture.md §3: the resolved config carries the code version): package
 * versions, tfjs and Node versions, the git commit when available, and the date.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';

export interface Provenance {
  date: string;
  node: string;
  tfjs: string;
  backend: string;
  commit: string | null;
  versions: Record<string, string>;
}

const require = createRequire(import.meta.url);

/** Version of an installed package (`name/package.json`), or null when it cannot be resolved. */
export function packageVersion(name: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

/**
 * The full 40-character git commit of `cwd` (null outside a repository or without git);
 * the environment variable `LOLA_COMMIT` overrides it (a build without its .git folder).
 */
export function gitCommit(cwd = process.cwd()): string | null {
  if (process.env.LOLA_COMMIT) return process.env.LOLA_COMMIT;
  return git(['rev-parse', 'HEAD'], cwd) || null;
}

/** Whether tracked files of `cwd`'s working tree have uncommitted changes (null without git). */
export function gitDirty(cwd = process.cwd()): boolean | null {
  const status = git(['status', '--porcelain', '--untracked-files=no'], cwd);
  return status === null ? null : status.length > 0;
}

/** Provenance record; `packages` lists the packages whose versions to include (nn-blocks always). */
export function collectProvenance(packages: readonly string[] = []): Provenance {
  const versions: Record<string, string> = {};
  for (const name of ['@lola-ts/nn-blocks', ...packages]) {
    const v = packageVersion(name);
    if (v) versions[name] = v;
  }
  let backend = 'none';
  try {
    backend = tf.getBackend() ?? 'none';
  } catch {
    backend = 'none';
  }
  return { date: new Date().toISOString(), node: process.version, tfjs: tf.version.tfjs, backend, commit: gitCommit(), versions };
}
