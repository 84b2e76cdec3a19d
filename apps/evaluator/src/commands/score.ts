/**
 * `lola-eval score --pred DIR [--pred DIR...] --out results.jsonl [--truth DATASET_DIR] [--reconstruction DIR]
 * [--bins 1-20,21-60,61-100] [--no-baselines] [--allow-non-finite]`: scores rollout directories (ours, or any
 * tool's written in The Well's format with a rollout.json) against ground truth, with the persistence and
 * spatial-mean baselines beside them; writes JSON-lines records, `<out>.curves.jsonl`, `<out>.spectra.jsonl`
 * and a CSV.
 */
import { checkOutputFile, flags, readArgs, requireFlags, stopOnSignals, stringFlags } from '@lola-ts/cli';
import { gitCommit, installedVersions, recordsToCsv, sidecar, writeFileAtomic, writeJsonl } from '@lola-ts/experiment';
import { parseLeadTimeBins } from '../score/bins.js';
import { openRolloutSet } from '../score/load.js';
import { scoreRollouts } from '../score/score.js';

const USAGE = `usage: lola-eval score --pred DIR [--pred DIR...] --out results.jsonl [--truth DATASET_DIR] [--reconstruction DIR]
                      [--bins 1-20,21-60,61-100] [--no-baselines] [--allow-non-finite]

  --pred DIR            a rollout directory (rollout.json + predictions in The Well's format); repeatable
  --out FILE            records (JSON lines); FILE.curves.jsonl, FILE.spectra.jsonl and FILE.csv beside it
  --truth DIR           the truth dataset directory (default: the one in each rollout.json)
  --reconstruction DIR  an AE rollout of the same trajectories: adds the AE-relative setting
  --bins LIST           lead-time bins in simulator steps (default: 20 % / 60 % of the longest lead time)
  --no-baselines        do not score the persistence and spatial-mean baselines
  --allow-non-finite    score NaN/Inf predictions instead of failing; their records count them
                        (nonFinite) and their measures are NaN (null in the JSON)`;

/** Parses the command line (throws on bad input; null for --help). */
function parseScoreArgs(argv: string[]) {
  const { values } = flags(argv, {
    ...stringFlags('truth', 'out', 'reconstruction', 'bins'),
    pred: { type: 'string', multiple: true },
    'no-baselines': { type: 'boolean' },
    'allow-non-finite': { type: 'boolean' },
  });
  if (values.help) return null;
  return requireFlags(values, ['pred', 'out']);
}

export async function run(argv: string[]): Promise<number> {
  const values = readArgs({ name: 'lola-eval score', usage: USAGE }, () => parseScoreArgs(argv));
  if (typeof values === 'number') return values;
  checkOutputFile(values.out, 'results file (--out)');
  const bins = values.bins ? parseLeadTimeBins(values.bins) : undefined;
  const sets = values.pred.map((d) => openRolloutSet(d, values.truth));
  const reconstruction = values.reconstruction ? openRolloutSet(values.reconstruction, values.truth) : undefined;
  const isTty = process.stderr.isTTY;
  const stop = stopOnSignals('lola-eval score', 'stopping after the current trajectory; nothing is written');
  try {
    const out = await scoreRollouts(sets, {
      bins,
      commit: gitCommit(),
      versions: installedVersions(['@lola-ts/metrics', '@lola-ts/well-data', '@lola-ts/evaluator']),
      reconstruction,
      allowNonFinite: values['allow-non-finite'] ?? false,
      baselines: !values['no-baselines'],
      signal: stop.signal,
      onProgress: (done, total) => process.stderr.write(`${isTty ? '\r' : ''}[score] ${done}/${total} trajectories${isTty ? '' : '\n'}`),
    }).catch((err: unknown) => {
      if (stop.exitCode !== null) return null;
      throw err;
    });
    if (isTty) process.stderr.write('\n');
    if (!out) {
      console.error(`lola-eval score: interrupted; ${values.out} not written`);
      return stop.exitCode!;
    }
    writeJsonl(values.out, out.records);
    writeJsonl(sidecar(values.out, 'curves'), out.curves);
    writeJsonl(sidecar(values.out, 'spectra'), out.spectra);
    writeFileAtomic(values.out.replace(/(\.jsonl)?$/, '.csv'), recordsToCsv(out.records));
    const bad = out.records.filter((r) => (r.nonFinite ?? 0) > 0);
    if (bad.length)
      console.error(
        `lola-eval score: ${bad.length} records were scored from NaN/Inf values (--allow-non-finite); their measures are non-finite (null)`,
      );
    console.error(`lola-eval score: ${out.records.length} records -> ${values.out}`);
    return 0;
  } finally {
    stop.dispose();
  }
}
