/** `lola-bench dashboard --records DIR --out site/ [--title T]`: a static page of every record file under DIR. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readRecordDir } from '../compare/files.js';
import { renderDashboard } from '../dashboard/page.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { records: { type: 'string' }, out: { type: 'string' }, title: { type: 'string' } } });
  if (!values.records || !values.out) {
    console.error('usage: lola-bench dashboard --records DIR --out site/ [--title T]');
    return 2;
  }
  const html = await renderDashboard(readRecordDir(values.records), values.title);
  mkdirSync(values.out, { recursive: true });
  const file = path.join(values.out, 'index.html');
  writeFileSync(`${file}.tmp`, html);
  renameSync(`${file}.tmp`, file);
  console.error(`lola-bench dashboard: wrote ${file}`);
  return 0;
}
