/**
 * `lola-bench simulators [--systems euler,...] [--sizes 64,128,256] [--outputs 5] [--iterations 2]
 * [--seed 0] [--out FILE]`: cell updates per second and wall time per output state of each
 * reference simulator, as JSON records (printed, or appended to FILE atomically).
 */
import { parseArgs } from 'node:util';
import { availableSystems } from '@lola-ts/simulators';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord } from '../records/index.js';
import { benchSimulators, simulatorRecords, type SimulatorBenchOptions } from './suite.js';

const USAGE =
  'usage: lola-bench simulators [--systems euler,gray-scott,rayleigh-benard] [--sizes 64,128,256] [--outputs 5] [--iterations 2] [--seed 0] [--out FILE]';

function intList(flag: string, value: string, min: number): number[] {
  const items = value.split(',').map((s) => s.trim());
  return items.map((s) => {
    const n = Number(s);
    if (s === '' || !Number.isInteger(n) || n < min)
      throw new Error(`lola-bench simulators: ${flag} '${value}': each entry must be an integer >= ${min}`);
    return n;
  });
}

/** Parses the command line (throws with a clear message on bad input). */
export function parseSimulatorArgs(argv: string[]): SimulatorBenchOptions & { out: string | null } {
  const { values } = parseArgs({
    args: argv,
    options: {
      systems: { type: 'string' },
      sizes: { type: 'string' },
      outputs: { type: 'string' },
      iterations: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const known = availableSystems() as string[];
  const systems = values.systems ? values.systems.split(',').map((s) => s.trim()) : known;
  const unknown = systems.filter((s) => !known.includes(s));
  if (unknown.length) throw new Error(`lola-bench simulators: unknown system(s) ${unknown.join(', ')}; available: ${known.join(', ')}`);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`lola-bench simulators: --seed '${values.seed}' is not an integer`);
  return {
    systems,
    sizes: intList('--sizes', values.sizes ?? '64,128,256', 4),
    outputs: intList('--outputs', values.outputs ?? '5', 1)[0]!,
    iterations: intList('--iterations', values.iterations ?? '2', 1)[0]!,
    seed,
    out: values.out ?? null,
  };
}

/** Entry point of `lola-bench simulators`. */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: ReturnType<typeof parseSimulatorArgs>;
  try {
    options = parseSimulatorArgs(argv);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  console.error(
    `simulators suite: ${options.systems.join(', ')} at ${options.sizes.map((n) => `${n}`).join(', ')}; ${options.outputs} output states x ${options.iterations} iterations`,
  );
  const timings = await benchSimulators(options, (line) => console.error(line));
  const identity = captureIdentity(['@lola-ts/simulators']);
  const environment = captureEnvironment({ backend: 'js-float64', threads: 1 });
  const records = simulatorRecords(timings).map((r) => makeRecord(r, identity, environment));
  if (options.out) {
    appendRecords(options.out, records);
    console.error(`appended ${records.length} records to ${options.out}`);
  } else {
    for (const r of records) console.log(JSON.stringify(r));
  }
  return 0;
}
