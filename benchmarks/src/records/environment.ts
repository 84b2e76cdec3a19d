/**
 * Identity and environment of a benchmark run (docs/architecture.md §5): commit, date, package versions,
 * Node, tfjs, backend, threads, CPU model, cores, memory and GPU.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);

/** Where and with what a benchmark ran. */
export interface Environment {
  node: string;
  platform: string;
  arch: string;
  /** @tensorflow/tfjs-core version, null when not installed. */
  tfjs: string | null;
  /** Active tfjs backend (or a non-tfjs engine such as 'js-float64', 'pytorch'); null when none. */
  backend: string | null;
  threads: number | null;
  simd: boolean | null;
  cpu: string | null;
  cores: number;
  memoryGiB: number;
  gpu: string | null;
}

/** Identity of the code that ran. */
export interface Identity {
  commit: string | null;
  /** Uncommitted changes in the working tree when the run started. */
  dirty: boolean | null;
  date: string;
  versions: Record<string, string | null>;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

/** Version of an installed package (`null` when it cannot be resolved). */
export function packageVersion(name: string): string | null {
  try {
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** The first GPU that nvidia-smi reports, or null. */
function gpuName(): string | null {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    });
    return out.trim().split('\n')[0] || null;
  } catch {
    return null;
  }
}

/** Commit (with a dirty flag), ISO date and the versions of `packages` (default: ours and tfjs). */
export function captureIdentity(
  packages: readonly string[] = ['@lola-ts/nn-blocks', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm'],
): Identity {
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  const versions: Record<string, string | null> = {};
  for (const p of packages) versions[p] = packageVersion(p);
  return { commit, dirty: status === null ? null : status.length > 0, date: new Date().toISOString(), versions };
}

/** The machine and runtime; `backend`/`threads`/`simd` come from whoever initialised the engine. */
export function captureEnvironment(engine: { backend?: string | null; threads?: number | null; simd?: boolean | null } = {}): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    tfjs: packageVersion('@tensorflow/tfjs-core'),
    backend: engine.backend ?? null,
    threads: engine.threads ?? null,
    simd: engine.simd ?? null,
    cpu: cpus[0]?.model?.trim() ?? null,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gpu: gpuName(),
  };
}
