/**
 * `lola-bench dashboard --records DIR|FILE... --out site/ [--title T]`: a static page of the given record
 * files (every `*.jsonl` under a directory).
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flags } from '@lola-ts/cli';
import { ensureDir } from '@lola-ts/well-data';
import { readRecordPaths } from '@lola-ts/experiment';
import { renderDashboard } from '../dashboard/page.js';

const USAGE = 'usage: lola-bench dashboard --records DIR|FILE... --out site/ [--title T]';

export async function run(argv: string[]): Promise<number> {
  const { values } = flags(argv, { records: { type: 'string', multiple: true }, out: { type: 'string' }, title: { type: 'string' } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.records?.length || !values.out) {
    console.error(USAGE);
    return 2;
  }
  ensureDir(values.out, 'dashboard directory'); // before the work: an unwritable --out fails at once
  const html = await renderDashboard(readRecordPaths(values.records), values.title);
  const file = path.join(values.out, 'index.html');
  writeFileSync(`${file}.tmp`, html);
  renameSync(`${file}.tmp`, file);
  console.error(`lola-bench dashboard: wrote ${file}`);
  return 0;
}
