/**
 * `lola-bench metrics [--size 256] [--members 16] [--iterations 8] [--seed 0] [--only NAME,...] [--out FILE]`:
 * times each metric of @lola-ts/metrics with tinybench on a size² field and prints (or appends to
 * FILE, atomically) one JSON record per metric.
 */
import { emitRecords, flags, integer, list, positiveInteger, readArgs } from '@lola-ts/cli';
import { Bench } from 'tinybench';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord, timeMeasure, type BenchRecord } from '../records/index.js';
import { metricTasks } from './suite.js';

const USAGE = 'usage: lola-bench metrics [--size 256] [--members 16] [--iterations 8] [--seed 0] [--only NAME,...] [--out FILE]';

/** Parsed options of the command. */
export interface MetricsBenchOptions {
  size: number;
  members: number;
  iterations: number;
  seed: number;
  only: string[] | null;
  out: string | null;
}

/** Parses the command line (throws with a clear message on bad input; null for --help). */
export function parseMetricsArgs(argv: string[]): MetricsBenchOptions | null {
  const { values } = flags(argv, {
    size: { type: 'string', default: '256' },
    members: { type: 'string', default: '16' },
    iterations: { type: 'string', default: '8' },
    seed: { type: 'string', default: '0' },
    only: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.help) return null;
  const size = positiveInteger('--size', values.size);
  if ((size & (size - 1)) !== 0) throw new Error(`--size ${size} must be a power of two (the FFT supports only those)`);
  return {
    size,
    members: positiveInteger('--members', values.members),
    iterations: positiveInteger('--iterations', values.iterations),
    seed: integer('--seed', values.seed),
    only: values.only ? list(values.only) : null,
    out: values.out ?? null,
  };
}

/** Runs the suite and returns the records (exported for tests). */
export async function benchMetrics(options: MetricsBenchOptions, log: (line: string) => void = () => {}): Promise<BenchRecord[]> {
  let tasks = metricTasks(options);
  if (options.only) {
    const unknown = options.only.filter((n) => !tasks.some((t) => t.name === n));
    if (unknown.length)
      throw new Error(`lola-bench metrics: unknown metric(s) ${unknown.join(', ')}; known: ${tasks.map((t) => t.name).join(', ')}`);
    tasks = tasks.filter((t) => options.only!.includes(t.name));
  }
  const bench = new Bench({ iterations: options.iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
  let sink = 0;
  for (const task of tasks)
    bench.add(task.name, () => {
      sink += task.run();
    });
  await bench.run();
  const identity = captureIdentity(['@lola-ts/metrics', 'fft.js']);
  const environment = captureEnvironment({ backend: 'js-float64', threads: 1 });
  const records: BenchRecord[] = [];
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed')
      throw new Error(
        `lola-bench metrics: task ${task.name} ended in state '${r.state}'${r.state === 'errored' ? `: ${r.error.message}` : ''}`,
      );
    log(`${task.name.padEnd(26)} ${r.latency.mean.toFixed(3).padStart(10)} ms ± ${r.latency.moe.toFixed(3)}`);
    records.push(
      makeRecord(
        {
          suite: 'metrics',
          name: task.name,
          kind: 'speed',
          axes: { resolution: options.size, ensembleSize: options.members, samples: r.latency.samplesCount },
          measures: { time: timeMeasure(r.latency.mean, r.latency.moe) },
        },
        identity,
        environment,
      ),
    );
  }
  if (!Number.isFinite(sink)) log(`(non-finite checksum ${sink})`);
  return records;
}

/** Entry point of `lola-bench metrics`. */
export async function run(argv: string[]): Promise<number> {
  const options = readArgs({ name: 'lola-bench metrics', usage: USAGE }, () => parseMetricsArgs(argv));
  if (typeof options === 'number') return options;
  console.error(`metrics suite: ${options.size}² field, ${options.members} members, ${options.iterations} iterations`);
  const records = await benchMetrics(options, (line) => console.error(line));
  emitRecords(records, options.out, appendRecords);
  return 0;
}
