/**
 * Benchmark records of the page, in the shape of benchmarks/src/records (docs/architecture.md §5:
 * identity, `environment`, `suite`, `name`, `kind`, axes as top-level keys, `measures`), so the
 * dashboard and `lola-bench compare` read them like the Node emulation records.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { RunResult } from '../manifest.js';
import type { PageInfo } from './chromium.js';

const require = createRequire(import.meta.url);

function version(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

const PACKAGES = [
  '@lola-ts/nn-blocks',
  '@lola-ts/autoencoders',
  '@lola-ts/diffusion',
  '@lola-ts/emulation',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  'playwright-core',
];

/** One `emulate-web/per-state` speed record of a page run. */
export function pageRecord(run: RunResult, info: PageInfo, dataset: string): Record<string, unknown> {
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  const versions: Record<string, string | null> = {};
  for (const p of PACKAGES) versions[p] = version(p);
  const cpus = os.cpus();
  const sps = run.secondsPerStateWarm;
  if (!Number.isFinite(sps) || sps <= 0) throw new Error(`emulate-web record: seconds per state must be a positive number, got ${sps}`);
  return {
    commit,
    dirty: status === null ? null : status.length > 0,
    date: new Date().toISOString(),
    versions,
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      tfjs: version('@tensorflow/tfjs-core'),
      backend: info.backend,
      threads: info.threads,
      simd: info.backend === 'wasm' ? info.simd : null,
      cpu: cpus[0]?.model ?? null,
      cores: cpus.length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      gpu: null,
      browser: info.userAgent,
    },
    suite: 'emulate-web',
    name: 'per-state',
    kind: 'speed',
    dataset,
    method: run.kind,
    resolution: run.shape[1],
    compressionRate: run.compressionRate,
    ...(run.kind === 'dm' ? { ensembleSize: run.members, samplerSteps: run.steps, sampler: 'ab' } : {}),
    frames: run.frames,
    stateShape: run.shape.slice(1),
    emulator: run.emulator,
    protocol: '(rollout + decode) / (members × frames) in the page, windows after the first (warm-up); context 1, overlap 1',
    windows: run.windows.length,
    measures: {
      secondsPerState: { value: sps, unit: 's', better: 'lower' },
      secondsPerStateAll: { value: run.secondsPerState, unit: 's', better: 'lower' },
    },
  };
}
