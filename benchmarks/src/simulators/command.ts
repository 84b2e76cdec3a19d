/**
 * `lola-bench simulators [--systems euler,...] [--sizes 64,128,256] [--outputs 5] [--iterations 2]
 * [--seed 0] [--out FILE]`: cell updates per second and wall time per output state of each
 * reference simulator, as JSON records (printed, or appended to FILE atomically).
 */
import { emitRecords, flags, integer, integerList, list, readArgs } from '@lola-ts/cli';
import { availableSystems } from '@lola-ts/simulators';
import { appendRecords, captureEnvironment, captureIdentity, makeRecord } from '../records/index.js';
import { benchSimulators, simulatorRecords, type SimulatorBenchOptions } from './suite.js';

const USAGE =
  'usage: lola-bench simulators [--systems euler,gray-scott,rayleigh-benard] [--sizes 64,128,256] [--outputs 5] [--iterations 2] [--seed 0] [--out FILE]';

/** Parses the command line (throws with a clear message on bad input; null for --help). */
export function parseSimulatorArgs(argv: string[]): (SimulatorBenchOptions & { out: string | null }) | null {
  const { values } = flags(argv, {
    systems: { type: 'string' },
    sizes: { type: 'string', default: '64,128,256' },
    outputs: { type: 'string', default: '5' },
    iterations: { type: 'string', default: '2' },
    seed: { type: 'string', default: '0' },
    out: { type: 'string' },
  });
  if (values.help) return null;
  const known = availableSystems() as string[];
  const systems = values.systems ? list(values.systems) : known;
  const unknown = systems.filter((s) => !known.includes(s));
  if (unknown.length) throw new Error(`unknown system(s) ${unknown.join(', ')}; available: ${known.join(', ')}`);
  return {
    systems,
    sizes: integerList('--sizes', values.sizes, { min: 4 }),
    outputs: integer('--outputs', values.outputs, { min: 1 }),
    iterations: integer('--iterations', values.iterations, { min: 1 }),
    seed: integer('--seed', values.seed),
    out: values.out ?? null,
  };
}

/** Entry point of `lola-bench simulators`. */
export async function run(argv: string[]): Promise<number> {
  const options = readArgs({ name: 'lola-bench simulators', usage: USAGE }, () => parseSimulatorArgs(argv));
  if (typeof options === 'number') return options;
  console.error(
    `simulators suite: ${options.systems.join(', ')} at ${options.sizes.map((n) => `${n}`).join(', ')}; ${options.outputs} output states x ${options.iterations} iterations`,
  );
  const timings = await benchSimulators(options, (line) => console.error(line));
  const identity = captureIdentity(['@lola-ts/simulators']);
  const environment = captureEnvironment({ backend: 'js-float64', threads: 1 });
  const records = simulatorRecords(timings).map((r) => makeRecord(r, identity, environment));
  emitRecords(records, options.out, appendRecords);
  return 0;
}
