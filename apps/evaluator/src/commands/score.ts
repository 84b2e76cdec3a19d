/**
 * `lola-eval score --pred DIR [--pred DIR...] --out results.jsonl [--truth DATASET_DIR] [--reconstruction DIR] [--bins 1-20,21-60,61-100]`:
 * scores rollout directories (ours, or any tool's written in The Well's format with a rollout.json)
 * against ground truth; writes JSON-lines records, `<out>.curves.jsonl`, `<out>.spectra.jsonl` and a CSV.
 */
import { parseArgs } from 'node:util';
import { recordsToCsv } from '../results/csv.js';
import { sidecar, writeFileAtomic, writeJsonl } from '../results/io.js';
import { parseLeadTimeBins } from '../score/bins.js';
import { openRolloutSet } from '../score/load.js';
import { gitCommit, packageVersions } from '../score/provenance.js';
import { scoreRollouts } from '../score/score.js';

const USAGE = 'usage: lola-eval score --pred DIR [--pred DIR...] --out results.jsonl [--truth DATASET_DIR] [--reconstruction DIR] [--bins 1-20,21-60,61-100]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pred: { type: 'string', multiple: true },
      truth: { type: 'string' },
      out: { type: 'string' },
      reconstruction: { type: 'string' },
      bins: { type: 'string' },
    },
  });
  if (!values.pred?.length || !values.out) {
    console.error(`lola-eval score: --pred and --out are required\n${USAGE}`);
    return 2;
  }
  const sets = values.pred.map((d) => openRolloutSet(d, values.truth));
  const isTty = process.stderr.isTTY;
  const out = await scoreRollouts(sets, {
    bins: values.bins ? parseLeadTimeBins(values.bins) : undefined,
    commit: gitCommit(),
    versions: packageVersions(['@lola-ts/metrics', '@lola-ts/well-data', '@lola-ts/evaluator']),
    reconstruction: values.reconstruction ? openRolloutSet(values.reconstruction, values.truth) : undefined,
    onProgress: (done, total) => process.stderr.write(`${isTty ? '\r' : ''}[score] ${done}/${total} trajectories${isTty ? '' : '\n'}`),
  });
  if (isTty) process.stderr.write('\n');
  writeJsonl(values.out, out.records);
  writeJsonl(sidecar(values.out, 'curves'), out.curves);
  writeJsonl(sidecar(values.out, 'spectra'), out.spectra);
  writeFileAtomic(values.out.replace(/(\.jsonl)?$/, '.csv'), recordsToCsv(out.records));
  console.error(`lola-eval score: ${out.records.length} records -> ${values.out}`);
  return 0;
}
