/**
 * `lola-bench metrics [--size 256] [--members 16] [--iterations 8] [--seed 0] [--only NAME,...] [--out FILE]`:
 * times each metric of @lola-ts/metrics with tinybench on a size² field and prints (or appends to
 * FILE, atomically) one JSON record per metric.
 */
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord, timeMeasure, type BenchRecord } from '../records/index.js';
import { metricTasks } from './suite.js';

const USAGE = 'usage: lola-bench metrics [--size 256] [--members 16] [--iterations 8] [--seed 0] [--only NAME,...] [--out FILE]';

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`lola-bench metrics: ${flag} '${value}' is not a positive integer`);
  return n;
}

/** Parsed options of the command. */
export interface MetricsBenchOptions {
  size: number;
  members: number;
  iterations: number;
  seed: number;
  only: string[] | null;
  out: string | null;
}

/** Parses the command line (throws with a clear message on bad input). */
export function parseMetricsArgs(argv: string[]): MetricsBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      members: { type: 'string' },
      iterations: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const size = positiveInt(values.size, '--size', 256);
  if ((size & (size - 1)) !== 0) throw new Error(`lola-bench metrics: --size ${size} must be a power of two (the FFT supports only those)`);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`lola-bench metrics: --seed '${values.seed}' is not an integer`);
  return {
    size,
    members: positiveInt(values.members, '--members', 16),
    iterations: positiveInt(values.iterations, '--iterations', 8),
    seed,
    only: values.only
      ? values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : null,
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
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: MetricsBenchOptions;
  try {
    options = parseMetricsArgs(argv);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  console.error(`metrics suite: ${options.size}² field, ${options.members} members, ${options.iterations} iterations`);
  const records = await benchMetrics(options, (line) => console.error(line));
  if (options.out) {
    appendRecords(options.out, records);
    console.error(`appended ${records.length} records to ${options.out}`);
  } else {
    for (const r of records) console.log(JSON.stringify(r));
  }
  return 0;
}
