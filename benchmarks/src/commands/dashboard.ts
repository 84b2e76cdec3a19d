/** `lola-bench dashboard --records DIR|FILE... --out site/ [--title T]`: a static page of the given record files (every `*.jsonl` under a directory). */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readRecordPaths } from '../compare/files.js';
import { renderDashboard } from '../dashboard/page.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { records: { type: 'string', multiple: true }, out: { type: 'string' }, title: { type: 'string' } } });
  if (!values.records?.length || !values.out) {
    console.error('usage: lola-bench dashboard --records DIR|FILE... --out site/ [--title T]');
    return 2;
  }
  const html = await renderDashboard(readRecordPaths(values.records), values.title);
  mkdirSync(values.out, { recursive: true });
  const file = path.join(values.out, 'index.html');
  writeFileSync(`${file}.tmp`, html);
  renameSync(`${file}.tmp`, file);
  console.error(`lola-bench dashboard: wrote ${file}`);
  return 0;
}
