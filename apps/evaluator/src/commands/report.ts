/**
 * `lola-eval report --results FILE... --out report.html [--rollouts DIR...] [--runs DIR...] [--field NAME]
 * [--movies N] [--title T] [--note TEXT...]`: a self-contained HTML page from evaluation records (and their
 * `.curves`/`.spectra` sidecars), with side-by-side movies of the rollouts when their directories are
 * given and a training section (loss and learning rate against step) for the runs given.
 */
import { existsSync } from 'node:fs';
import { checkOutputFile, flags, integer, readArgs, requireFlags, stopOnSignals, stringFlags } from '@lola-ts/cli';
import { buildMovies } from '../report/movies.js';
import { renderReport } from '../report/html.js';
import { findTrainingRuns, readTrainingRun, sortRuns } from '../report/training-runs.js';
import { readJsonl, sidecar, writeFileAtomic, type CurvePoint, type EvaluationRecord, type SpectrumRecord } from '@lola-ts/experiment';

const USAGE = `usage: lola-eval report --results FILE... --out report.html [--rollouts DIR...] [--runs DIR...] [--field NAME]
                       [--movies N] [--title T] [--note TEXT...]

  --results FILE   records of lola-eval score (its .curves.jsonl / .spectra.jsonl sidecars are read too); repeatable
  --out FILE       the HTML page (self-contained)
  --rollouts DIR   rollout directories shown side by side in the movies; repeatable
  --runs DIR       a training run directory (config.yaml + log.jsonl), or a directory of them such as
                   demo-output/runs; repeatable: adds the training section (loss, learning rate, seed)
  --field NAME     the field of the movies (default: the first)
  --movies N       number of movies (default 2)
  --title T        page title
  --note TEXT      a note under the title; repeatable`;

/** Parses the command line (throws on bad input; null for --help). */
function parseReportArgs(argv: string[]) {
  const { values } = flags(argv, {
    ...stringFlags('out', 'field', 'title'),
    results: { type: 'string', multiple: true },
    rollouts: { type: 'string', multiple: true },
    runs: { type: 'string', multiple: true },
    note: { type: 'string', multiple: true },
    movies: { type: 'string', default: '2' },
  });
  if (values.help) return null;
  return requireFlags(values, ['results', 'out']);
}

export async function run(argv: string[]): Promise<number> {
  const values = readArgs({ name: 'lola-eval report', usage: USAGE }, () => parseReportArgs(argv));
  if (typeof values === 'number') return values;
  const movies = integer('--movies', values.movies, { min: 0 });
  checkOutputFile(values.out, 'report (--out)');
  const records: EvaluationRecord[] = [];
  const curves: CurvePoint[] = [];
  const spectra: SpectrumRecord[] = [];
  for (const file of values.results) {
    records.push(...readJsonl<EvaluationRecord>(file));
    if (existsSync(sidecar(file, 'curves'))) curves.push(...readJsonl<CurvePoint>(sidecar(file, 'curves')));
    if (existsSync(sidecar(file, 'spectra'))) spectra.push(...readJsonl<SpectrumRecord>(sidecar(file, 'spectra')));
  }
  const runs = sortRuns(findTrainingRuns(values.runs ?? []).map(readTrainingRun));
  const stop = stopOnSignals('lola-eval report', 'stopping; the report is not written');
  try {
    const animations = await buildMovies(values.rollouts ?? [], { field: values.field, count: movies });
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop.exitCode !== null) return stop.exitCode;
    const html = await renderReport({ title: values.title, records, curves, spectra, animations, notes: values.note, runs });
    if (stop.exitCode !== null) return stop.exitCode;
    writeFileAtomic(values.out, html);
    console.error(
      `lola-eval report: wrote ${values.out} (${records.length} records, ${animations.length} movies, ${runs.length} training runs)`,
    );
    return 0;
  } finally {
    stop.dispose();
  }
}
