/**
 * Where a record was measured (docs/architecture.md §5): Node, platform, tfjs and its backend,
 * threads, CPU model, cores, memory and GPU.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { packageVersion } from '@lola-ts/nn-blocks';

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
