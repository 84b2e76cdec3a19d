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

/** The current git commit of `cwd` (null outside a repository or without git). */
export function gitCommit(cwd = process.cwd()): string | null {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
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
