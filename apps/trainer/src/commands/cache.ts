/**
 * `lola-train cache --ae RUN --data DIR [--out DIR] [--repeat 4] [--splits train,valid,test]
 * [--checkpoint last|best] [--seed S] [--batch N] [--backend B] [--threads N]`
 *
 * Encodes every trajectory of each split with a trained autoencoder into latent stores
 * (docs/method.md §3): `<out>/{train,valid,test}.h5` and `<out>/cache.yaml`. Resumable.
 */
import { join } from 'node:path';
import { BACKEND_OPTIONS, flags, integer, list, readArgs, readBackend } from '@lola-ts/cli';
import { cacheLatents, loadAutoencoderRun } from '@lola-ts/experiment';
import { BACKEND_CHOICES, disposeParams, initRuntime } from '@lola-ts/nn-blocks';
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

const LINE = { name: 'lola-train cache', usage: USAGE };

/** Parses the command line (throws on bad input; null for --help). */
function parseCacheArgs(argv: string[]) {
  const { values: v } = flags(argv, {
    ae: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    repeat: { type: 'string', default: '4' },
    splits: { type: 'string', default: SPLITS.join(',') },
    checkpoint: { type: 'string', default: 'last' },
    seed: { type: 'string', default: '0' },
    batch: { type: 'string', default: '16' },
    ...BACKEND_OPTIONS,
  });
  if (v.help) return null;
  if (!v.ae) throw new Error('--ae is required');
  if (!v.data) throw new Error('--data is required');
  const repeat = integer('--repeat', v.repeat, { min: 1 });
  const batch = integer('--batch', v.batch, { min: 1 });
  const seed = integer('--seed', v.seed);
  const splits = list(v.splits);
  if (splits.length === 0 || splits.some((x) => !(SPLITS as string[]).includes(x)))
    throw new Error(`--splits must list some of ${SPLITS.join(', ')}, got '${v.splits}'`);
  if (v.checkpoint !== 'last' && v.checkpoint !== 'best') throw new Error(`--checkpoint must be last or best, got '${v.checkpoint}'`);
  const checkpoint: 'last' | 'best' = v.checkpoint;
  return {
    ae: v.ae,
    data: v.data,
    out: v.out,
    repeat,
    batch,
    seed,
    splits: splits as WellSplit[],
    checkpoint,
    ...readBackend(v, BACKEND_CHOICES),
  };
}

export async function run(argv: string[]): Promise<number> {
  const v = readArgs(LINE, () => parseCacheArgs(argv));
  if (typeof v === 'number') return v;
  const { repeat, batch, seed, splits, threads } = v;

  const runtime = await initRuntime({ backend: v.backend, threads });
  console.error(`[cache] backend ${runtime.backend}, ${runtime.threads} thread(s)`);
  const aeRun = loadAutoencoderRun(v.ae, { checkpoint: v.checkpoint });
  try {
    const out = v.out ?? join(v.ae, 'latents');
    const summaries = await cacheLatents(aeRun, { data: v.data, out, repeat, splits, seed, batch });
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
