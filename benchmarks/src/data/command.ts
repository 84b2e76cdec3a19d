/**
 * `lola-bench data [--size 128] [--steps 101] [--trajectories 4] [--window 5] [--iterations 20]
 * [--dir DIR] [--keep] [--seed 0] [--out FILE]`: read throughput (MB/s) of one trajectory window
 * and of a whole trajectory of an N² Well file, and peak memory while streaming a file larger
 * than the window, as JSON records (printed, or appended to FILE atomically).
 */
import { parseArgs } from 'node:util';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord } from '../records/index.js';
import { benchData, dataRecords, DEFAULT_DATA_OPTIONS, type DataBenchOptions } from './suite.js';

const USAGE =
  'usage: lola-bench data [--size 128] [--steps 101] [--trajectories 4] [--window 5] [--iterations 20] [--dir DIR] [--keep] [--seed 0] [--out FILE]';

function int(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`lola-bench data: ${flag} '${value}' must be an integer >= ${min}`);
  return n;
}

/** Parses the command line (throws with a clear message on bad input). */
export function parseDataArgs(argv: string[]): DataBenchOptions & { out: string | null } {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      steps: { type: 'string' },
      trajectories: { type: 'string' },
      window: { type: 'string' },
      iterations: { type: 'string' },
      dir: { type: 'string' },
      keep: { type: 'boolean' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const d = DEFAULT_DATA_OPTIONS;
  const o = {
    size: int('--size', values.size, d.size, 2),
    steps: int('--steps', values.steps, d.steps, 2),
    trajectories: int('--trajectories', values.trajectories, d.trajectories, 1),
    window: int('--window', values.window, d.window, 2),
    iterations: int('--iterations', values.iterations, d.iterations, 1),
    dir: values.dir ?? d.dir,
    keep: values.keep ?? false,
    seed: int('--seed', values.seed, d.seed, 0),
    out: values.out ?? null,
  };
  if (o.window > o.steps) throw new Error(`lola-bench data: --window ${o.window} is longer than --steps ${o.steps}`);
  return o;
}

/** Entry point of `lola-bench data`. */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: ReturnType<typeof parseDataArgs>;
  try {
    options = parseDataArgs(argv);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const result = await benchData(options, (line) => console.error(line));
  const identity = captureIdentity(['@lola-ts/well-data', 'h5wasm']);
  const environment = captureEnvironment({ backend: null, threads: 1 });
  const records = dataRecords(result).map((r) => makeRecord(r, identity, environment));
  if (options.out) {
    appendRecords(options.out, records);
    console.error(`appended ${records.length} records to ${options.out}`);
  } else {
    for (const r of records) console.log(JSON.stringify(r));
  }
  return 0;
}
