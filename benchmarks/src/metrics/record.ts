/**
 * Speed records of the metrics suite, one JSON object per task (ARCHITECTURE §5): identity
 * (commit, date, versions), environment, the benchmark (suite, name, kind) and its axes, and
 * `measures.time` {value, lower, upper, unit, better}.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';

/** A speed measurement of one task. */
export interface TaskTiming {
  name: string;
  /** Mean latency, ms. */
  mean: number;
  /** 95% margin of error of the mean, ms. */
  moe: number;
  samples: number;
}

/** The commit of the working tree, or null outside a git checkout. */
function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** JSON records for the timings of one run. */
export function speedRecords(timings: TaskTiming[], axes: { resolution: number; ensembleSize: number }): Record<string, unknown>[] {
  const common = {
    commit: gitCommit(),
    date: new Date().toISOString(),
    versions: { '@lola-ts/metrics': packageVersion('@lola-ts/metrics'), 'fft.js': packageVersion('fft.js') },
    environment: { node: process.version, backend: 'js-float64', cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, gpu: null },
    suite: 'metrics',
    kind: 'speed',
  };
  return timings.map((t) => ({
    ...common,
    name: t.name,
    resolution: axes.resolution,
    ensembleSize: axes.ensembleSize,
    samples: t.samples,
    measures: { time: { value: t.mean, lower: t.mean - t.moe, upper: t.mean + t.moe, unit: 'ms', better: 'lower' } },
  }));
}
