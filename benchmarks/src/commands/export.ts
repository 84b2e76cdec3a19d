/**
 * `lola-bench export RECORDS.jsonl --format github-smaller|github-bigger|bmf --out FILE`:
 * github-action-benchmark custom JSON (customSmallerIsBetter / customBiggerIsBetter) or Bencher BMF.
 */
import { writeFileSync } from 'node:fs';
import { flags } from '@lola-ts/cli';
import { toBencherBmf, toGithubActionBenchmark } from '../compare/export.js';
import { readRecordFile } from '@lola-ts/experiment';

const USAGE = 'usage: lola-bench export RECORDS.jsonl --format github-smaller|github-bigger|bmf --out FILE';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = flags(argv, { format: { type: 'string' }, out: { type: 'string' } }, true);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format;
  if (positionals.length !== 1 || !values.out || !['github-smaller', 'github-bigger', 'bmf'].includes(format ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const records = readRecordFile(positionals[0]!);
  const body =
    format === 'bmf' ? toBencherBmf(records) : toGithubActionBenchmark(records, format === 'github-smaller' ? 'smaller' : 'bigger');
  writeFileSync(values.out, JSON.stringify(body, null, 2) + '\n');
  return 0;
}
