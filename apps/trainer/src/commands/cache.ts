/**
 * `lola-train cache --ae RUN --data DIR [--out DIR] [--repeat 4] [--splits train,valid,test]
 * [--checkpoint last|best] [--seed S] [--batch N] [--backend B] [--threads N]`
 *
 * Encodes every trajectory of each split with a trained autoencoder into latent stores
 * (docs/method.md §3): `<out>/{train,valid,test}.h5` and `<out>/cache.yaml`. Resumable.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cacheLatents, loadAutoencoderRun } from '@lola-ts/experiment';
import { BACKEND_CHOICES, disposeParams, initRuntime, type BackendChoice } from '@lola-ts/nn-blocks';
import type { WellSplit } from '@lola-ts/well-data';

const SPLITS: WellSplit[] = ['train', 'valid', 'test'];
const USAGE = `usage: lola-train cache --ae RUN --data DIR [--out DIR] [--repeat N] [--splits train,valid,test]
                       [--checkpoint last|best] [--seed S] [--batch N] [--backend ${BACKEND_CHOICES.join('|')}] [--threads N]

  --ae RUN          autoencoder run directory (written by lola-train ae)
  --data DIR        Well dataset root (data/{train,valid,test}), with the fields the AE was trained on
  --out DIR         output directory (default RUN/latents)
  --repeat N        augmented copies of each training trajectory (default 4; valid once, test once un-augmented)
  --checkpoint C    last (default, the final state) or best
  --seed S          seed of the augmentation draws (default 0)
  --batch N         frames per encoder call (default 16)`;

function fail(msg: string): number {
  console.error(`lola-train cache: ${msg}\n${USAGE}`);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        ae: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        repeat: { type: 'string', default: '4' },
        splits: { type: 'string', default: SPLITS.join(',') },
        checkpoint: { type: 'string', default: 'last' },
        seed: { type: 'string', default: '0' },
        batch: { type: 'string', default: '16' },
        backend: { type: 'string', default: 'auto' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (!v.ae) return fail('--ae is required');
  if (!v.data) return fail('--data is required');
  const int = (s: string, min: number) => {
    const n = Number(s);
    return Number.isInteger(n) && n >= min ? n : null;
  };
  const repeat = int(v.repeat!, 1);
  if (repeat === null) return fail(`--repeat must be an integer >= 1, got '${v.repeat}'`);
  const batch = int(v.batch!, 1);
  if (batch === null) return fail(`--batch must be an integer >= 1, got '${v.batch}'`);
  const seed = int(v.seed!, -(2 ** 31));
  if (seed === null) return fail(`--seed must be an integer, got '${v.seed}'`);
  const splits = v
    .splits!.split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const badSplit = splits.find((x) => !(SPLITS as string[]).includes(x));
  if (badSplit || splits.length === 0) return fail(`--splits must list some of ${SPLITS.join(', ')}, got '${v.splits}'`);
  if (v.checkpoint !== 'last' && v.checkpoint !== 'best') return fail(`--checkpoint must be last or best, got '${v.checkpoint}'`);
  if (!(BACKEND_CHOICES as readonly string[]).includes(v.backend!))
    return fail(`--backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${v.backend}'`);
  const threads = v.threads === undefined ? undefined : int(v.threads, 1);
  if (threads === null) return fail(`--threads must be a positive integer, got '${v.threads}'`);

  const runtime = await initRuntime({ backend: v.backend as BackendChoice, threads });
  console.error(`[cache] backend ${runtime.backend}, ${runtime.threads} thread(s)`);
  const aeRun = loadAutoencoderRun(v.ae, { checkpoint: v.checkpoint });
  try {
    const out = v.out ?? join(v.ae, 'latents');
    const summaries = await cacheLatents(aeRun, { data: v.data, out, repeat, splits: splits as WellSplit[], seed, batch });
    for (const s of summaries) {
      console.error(
        `[cache] ${s.split}: ${s.trajectories} trajectories in ${s.path} (${s.written} encoded now, ${s.skipped} already done${s.duplicates ? `, ${s.duplicates} duplicate augmentations kept` : ''})`,
      );
    }
    return 0;
  } finally {
    disposeParams(aeRun.ae);
  }
}
