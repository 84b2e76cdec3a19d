/**
 * `lola-bench export RECORDS.jsonl --format github-smaller|github-bigger|bmf --out FILE`:
 * github-action-benchmark custom JSON (customSmallerIsBetter / customBiggerIsBetter) or Bencher BMF.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toBencherBmf, toGithubActionBenchmark } from '../compare/export.js';
import { readRecordFile } from '@lola-ts/experiment';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, format: { type: 'string' }, out: { type: 'string' } },
  });
  if (values.help) {
    console.log('usage: lola-bench export RECORDS.jsonl --format github-smaller|github-bigger|bmf --out FILE');
    return 0;
  }
  const format = values.format;
  if (positionals.length !== 1 || !values.out || !['github-smaller', 'github-bigger', 'bmf'].includes(format ?? '')) {
    console.error('usage: lola-bench export RECORDS.jsonl --format github-smaller|github-bigger|bmf --out FILE');
    return 2;
  }
  const records = readRecordFile(positionals[0]!);
  const body =
    format === 'bmf' ? toBencherBmf(records) : toGithubActionBenchmark(records, format === 'github-smaller' ? 'smaller' : 'bigger');
  writeFileSync(values.out, JSON.stringify(body, null, 2) + '\n');
  return 0;
}
