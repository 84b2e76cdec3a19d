/**
 * `lola-bench compare BASE.jsonl HEAD.jsonl [--speed-threshold 0.25] [--accuracy-threshold 0.05] [--all]`:
 * flags measures that got worse beyond the threshold of their kind and exits 1 if any did.
 */
import { flags, number } from '@lola-ts/cli';
import { compareRecords, formatComparisons } from '../compare/compare.js';
import { readRecordFile } from '@lola-ts/experiment';

const USAGE = 'usage: lola-bench compare BASE.jsonl HEAD.jsonl [--speed-threshold 0.25] [--accuracy-threshold 0.05] [--all]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = flags(
    argv,
    {
      'speed-threshold': { type: 'string', default: '0.25' },
      'accuracy-threshold': { type: 'string', default: '0.05' },
      all: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const thresholds = {
    speed: number('--speed-threshold', values['speed-threshold'], 0),
    accuracy: number('--accuracy-threshold', values['accuracy-threshold'], 0),
  };
  const res = compareRecords(readRecordFile(positionals[0]!), readRecordFile(positionals[1]!), thresholds);
  const regressions = res.comparisons.filter((c) => c.regression);
  const shown = values.all ? res.comparisons : regressions;
  if (shown.length) console.log(formatComparisons(shown));
  if (res.missing.length) console.log(`${res.missing.length} benchmark(s) in BASE missing from HEAD`);
  if (res.added.length) console.log(`${res.added.length} new benchmark(s) in HEAD`);
  console.log(
    `${res.comparisons.length} measures compared, ${regressions.length} regression(s) (speed threshold ${thresholds.speed * 100}%, accuracy ${thresholds.accuracy * 100}%)`,
  );
  return regressions.length ? 1 : 0;
}
