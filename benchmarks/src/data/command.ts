/**
 * `lola-bench data [--size 128] [--steps 101] [--trajectories 4] [--window 5] [--iterations 20]
 * [--dir DIR] [--keep] [--seed 0] [--out FILE]`: read throughput (MB/s) of one trajectory window
 * and of a whole trajectory of an N² Well file, and peak memory while streaming a file larger
 * than the window, as JSON records (printed, or appended to FILE atomically).
 */
import { emitRecords, flags, integer, readArgs, stringFlags } from '@lola-ts/cli';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord } from '../records/index.js';
import { benchData, dataRecords, DEFAULT_DATA_OPTIONS, type DataBenchOptions } from './suite.js';

const USAGE =
  'usage: lola-bench data [--size 128] [--steps 101] [--trajectories 4] [--window 5] [--iterations 20] [--dir DIR] [--keep] [--seed 0] [--out FILE]';

/** Parses the command line (throws with a clear message on bad input; null for --help). */
export function parseDataArgs(argv: string[]): (DataBenchOptions & { out: string | null }) | null {
  const { values } = flags(argv, {
    ...stringFlags('size', 'steps', 'trajectories', 'window', 'iterations', 'dir', 'seed', 'out'),
    keep: { type: 'boolean' },
  });
  if (values.help) return null;
  const d = DEFAULT_DATA_OPTIONS;
  const o = {
    size: integer('--size', values.size, { min: 2 }) ?? d.size,
    steps: integer('--steps', values.steps, { min: 2 }) ?? d.steps,
    trajectories: integer('--trajectories', values.trajectories, { min: 1 }) ?? d.trajectories,
    window: integer('--window', values.window, { min: 2 }) ?? d.window,
    iterations: integer('--iterations', values.iterations, { min: 1 }) ?? d.iterations,
    dir: values.dir ?? d.dir,
    keep: values.keep ?? false,
    seed: integer('--seed', values.seed, { min: 0 }) ?? d.seed,
    out: values.out ?? null,
  };
  if (o.window > o.steps) throw new Error(`--window ${o.window} is longer than --steps ${o.steps}`);
  return o;
}

/** Entry point of `lola-bench data`. */
export async function run(argv: string[]): Promise<number> {
  const options = readArgs({ name: 'lola-bench data', usage: USAGE }, () => parseDataArgs(argv));
  if (typeof options === 'number') return options;
  const result = await benchData(options, (line) => console.error(line));
  const identity = captureIdentity(['@lola-ts/well-data', 'h5wasm']);
  const environment = captureEnvironment({ backend: null, threads: 1 });
  const records = dataRecords(result).map((r) => makeRecord(r, identity, environment));
  emitRecords(records, options.out, appendRecords);
  return 0;
}
