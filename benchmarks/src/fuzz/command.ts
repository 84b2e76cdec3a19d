/**
 * `lola-bench fuzz-h5 [--runs 5000] [--seed 1] [--max-changes 4] [--timeout-ms 10000] [--dir DIR]
 * [--out FILE]`: the long fuzz run of the HDF5 reader (docs/bad-inputs.md). Reads `--runs` byte-
 * mutated copies of a tiny Well file in a worker thread; a case that gives no answer within
 * `--timeout-ms` is recorded as a hang and the worker replaced. Writes a JSON summary (outcome
 * counts, most frequent error reasons, every failing case with its mutations) to FILE or stdout;
 * exit 1 when any case hung, printed HDF5-DIAG or threw something other than WellFormatError.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flags, integer, readArgs } from '@lola-ts/cli';
import { ensureParentDir, writeFuzzBaseFile } from '@lola-ts/well-data';
import { caseChanges } from './cases.js';
import { runFuzz, summarize, type FuzzSummary } from './run.js';

const USAGE = 'usage: lola-bench fuzz-h5 [--runs 5000] [--seed 1] [--max-changes 4] [--timeout-ms 10000] [--dir DIR] [--out FILE]';

/** Entry point of `lola-bench fuzz-h5`. */
export async function run(argv: string[]): Promise<number> {
  const values = readArgs({ name: 'lola-bench fuzz-h5', usage: USAGE }, () => {
    const { values: v } = flags(argv, {
      runs: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
      'max-changes': { type: 'string', default: '4' },
      'timeout-ms': { type: 'string', default: '10000' },
      dir: { type: 'string' },
      out: { type: 'string' },
    });
    if (v.help) return null;
    return {
      ...v,
      runs: integer('--runs', v.runs, { min: 1 }),
      seed: integer('--seed', v.seed, { min: 0 }),
      maxChanges: integer('--max-changes', v['max-changes'], { min: 1 }),
      timeoutMs: integer('--timeout-ms', v['timeout-ms'], { min: 100 }),
    };
  });
  if (typeof values === 'number') return values;
  const { runs, seed, maxChanges, timeoutMs } = values;
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'lola-fuzz-h5-'));
  if (values.out) ensureParentDir(values.out, 'fuzz summary');
  const started = Date.now();
  try {
    const base = await writeFuzzBaseFile(join(dir, 'base.hdf5'));
    const cases = Array.from({ length: runs }, (_, index) => ({
      index,
      path: join(dir, `case-${index}.hdf5`),
      changes: caseChanges(seed, index, base.length, maxChanges),
    }));
    const results = await runFuzz(base, cases, timeoutMs, {
      warmPath: join(dir, 'base.hdf5'),
      progress: (done) => {
        if (done % 500 === 0) process.stderr.write(`fuzz-h5: ${done}/${runs}\n`);
      },
    });
    const summary: FuzzSummary & { seconds: number } = {
      ...summarize(seed, runs, maxChanges, timeoutMs, base.length, results),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    const text = JSON.stringify(summary, null, 2) + '\n';
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    const bad = summary.counts.hang + summary.counts['other-error'] + summary.counts.diag;
    console.error(
      `fuzz-h5: ${runs} cases in ${summary.seconds} s: ${JSON.stringify(summary.counts)}${values.out ? ` -> ${values.out}` : ''}`,
    );
    return bad ? 1 : 0;
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  }
}
