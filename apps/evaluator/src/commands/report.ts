/**
 * `lola-eval report --results FILE... --out report.html [--rollouts DIR...] [--field NAME] [--movies N] [--title T]`:
 * a self-contained HTML page from evaluation records (and their `.curves`/`.spectra` sidecars),
 * with side-by-side movies of the rollouts when their directories are given.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildMovies } from '../report/movies.js';
import { renderReport } from '../report/html.js';
import { readJsonl, sidecar, writeFileAtomic } from '../results/io.js';
import type { CurvePoint, EvaluationRecord, SpectrumRecord } from '../results/types.js';

const USAGE = 'usage: lola-eval report --results FILE... --out report.html [--rollouts DIR...] [--field NAME] [--movies N] [--title T] [--note TEXT...]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      results: { type: 'string', multiple: true },
      out: { type: 'string' },
      rollouts: { type: 'string', multiple: true },
      field: { type: 'string' },
      movies: { type: 'string', default: '2' },
      title: { type: 'string' },
      note: { type: 'string', multiple: true },
    },
  });
  if (!values.results?.length || !values.out) {
    console.error(`lola-eval report: --results and --out are required\n${USAGE}`);
    return 2;
  }
  const records: EvaluationRecord[] = [];
  const curves: CurvePoint[] = [];
  const spectra: SpectrumRecord[] = [];
  for (const file of values.results) {
    records.push(...readJsonl<EvaluationRecord>(file));
    if (existsSync(sidecar(file, 'curves'))) curves.push(...readJsonl<CurvePoint>(sidecar(file, 'curves')));
    if (existsSync(sidecar(file, 'spectra'))) spectra.push(...readJsonl<SpectrumRecord>(sidecar(file, 'spectra')));
  }
  const movies = Number(values.movies);
  if (!Number.isInteger(movies) || movies < 0) throw new Error(`--movies must be a non-negative integer, got '${values.movies}'`);
  const animations = await buildMovies(values.rollouts ?? [], { field: values.field, count: movies });
  const html = await renderReport({ title: values.title, records, curves, spectra, animations, notes: values.note });
  writeFileAtomic(values.out, html);
  console.error(`lola-eval report: wrote ${values.out} (${records.length} records, ${animations.length} movies)`);
  return 0;
}
