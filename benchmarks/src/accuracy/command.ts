/**
 * `lola-bench accuracy --results FILE.jsonl|DIR ... [--out FILE.jsonl]`: VRMSE across compression
 * rates and lead-time bins from evaluator records (mean over fields and contexts, absolute
 * setting), printed against the paper's reference suite, and one accuracy record per cell
 * (`suite: 'accuracy'`, `kind: 'accuracy'`, `measures.vrmse`) for `lola-bench compare` and the
 * dashboard (appended atomically to --out, else printed on stdout).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { emitRecords, flags, readArgs } from '@lola-ts/cli';
import { readRecordFile, type ReadRecord } from '@lola-ts/experiment';
import { appendRecords, captureEnvironment, makeRecord, type BenchRecord, type Environment, type RecordInput } from '../records/index.js';
import { aggregateVrmse } from './aggregate.js';
import { formatAccuracyTable, joinPaper, type JoinedCell } from './reference.js';

export const USAGE = `usage: lola-bench accuracy --results FILE.jsonl|DIR [FILE.jsonl ...] [--out FILE.jsonl]

Reads the evaluator's records (lola-eval score: suite 'evaluation'), averages VRMSE over fields and
contexts per method × compression rate × lead-time bin (absolute setting), prints it beside the
paper's table (paired by rank of compression and of lead-time bin) and writes accuracy records.`;

/** The record input of one joined cell; the name carries the bin so dashboard series stay apart. */
export function accuracyRecord(c: JoinedCell): RecordInput {
  return {
    suite: 'accuracy',
    name: `vrmse/${c.leadTimeBin[0]}-${c.leadTimeBin[1]}`,
    kind: 'accuracy',
    axes: {
      dataset: c.dataset,
      method: c.method as never,
      compressionRate: c.compressionRate,
      leadTimeBin: c.leadTimeBin,
      setting: 'absolute',
      ...(c.ensembleSize !== null ? { ensembleSize: c.ensembleSize } : {}),
      ...(c.samplerSteps !== null ? { samplerSteps: c.samplerSteps } : {}),
      ...(c.split !== null ? { split: c.split } : {}),
      ...(c.nTrajectories !== null ? { nTrajectories: c.nTrajectories } : {}),
      fields: c.fields,
      contexts: c.contexts,
      aggregatedRecords: c.n,
      aggregation: 'mean over fields × contexts (mean_absolute)',
      reference: c.paper ? { source: 'paper', ...c.paper } : null,
      deltaPercent: c.deltaPercent,
    },
    measures: { vrmse: { value: c.vrmse, unit: '1', better: 'lower' } },
  };
}

/** Records of the cells, each carrying its evaluation's commit, date and versions. */
export function accuracyRecords(joined: readonly JoinedCell[], environment: Environment): BenchRecord[] {
  return joined.map((c) => {
    const versions: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(c.versions ?? {})) versions[k] = typeof v === 'string' ? v : null;
    return makeRecord(
      accuracyRecord(c),
      { commit: c.commit, dirty: null, date: c.date || new Date().toISOString(), versions },
      environment,
    );
  });
}

/** The `*.jsonl` files under `dir`, recursively, sorted. */
function jsonlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonlFiles(path.join(dir, e.name)) : e.name.endsWith('.jsonl') ? [path.join(dir, e.name)] : []))
    .sort();
}

/**
 * Reads every file or directory of records. A directory contributes its `*.jsonl` files
 * recursively, skipping (with a note) files that are not records, such as the evaluator's
 * `curves.jsonl` and `spectra.jsonl`; a file named explicitly must be a records file.
 */
export function readResults(paths: readonly string[], note: (line: string) => void = () => {}): ReadRecord[] {
  return paths.flatMap((p) => {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      throw new Error(`lola-bench accuracy: ${p}: no such file or directory`);
    }
    if (!dir) return readRecordFile(p);
    return jsonlFiles(p).flatMap((f) => {
      try {
        return readRecordFile(f);
      } catch (err) {
        if (!(err instanceof Error) || !/record has no '/.test(err.message)) throw err;
        note(`lola-bench accuracy: skipping ${f} (not benchmark/evaluation records: ${err.message.replace(`${f}:`, 'line ')})`);
        return [];
      }
    });
  });
}

/** Entry point of `lola-bench accuracy`. */
export async function run(argv: string[]): Promise<number> {
  const parsed = readArgs({ name: 'lola-bench accuracy', usage: USAGE }, () => {
    const { values, positionals } = flags(argv, { results: { type: 'string', multiple: true }, out: { type: 'string' } }, true);
    if (values.help) return null;
    const paths = [...(values.results ?? []), ...positionals];
    if (!paths.length) throw new Error('--results expects at least one records file (JSON lines) or directory');
    return { paths, out: values.out ?? null };
  });
  if (typeof parsed === 'number') return parsed;
  const { paths, out } = parsed;
  const cells = aggregateVrmse(
    readResults(paths, (line) => console.error(line)),
    paths.join(', '),
  );
  if (!cells.length) {
    console.error(
      `lola-bench accuracy: no evaluation records with measures.vrmse in the absolute setting in ${paths.join(', ')} (expected lola-eval score output: suite 'evaluation')`,
    );
    return 1;
  }
  const joined = joinPaper(cells);
  for (const line of formatAccuracyTable(joined)) console.error(line);
  const records = accuracyRecords(joined, captureEnvironment());
  emitRecords(records, out, appendRecords);
  return 0;
}
