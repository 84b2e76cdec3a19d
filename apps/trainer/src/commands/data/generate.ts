/**
 * `lola-train data --system euler|gray-scott|rayleigh-benard --out DIR [--resolution N]
 * [--trajectories N] [--frames N] [--bc open|periodic] [--param k=v ...] [--seed S] [--workers N]`
 *
 * Generates a dataset in The Well's layout with the reference simulators (`@lola-ts/simulators`):
 * `DIR/<dataset_name>/data/{train,valid,test}/*.hdf5`, `stats.yaml` and the metadata YAML. Shows a
 * progress bar with ETA on stderr; an interrupted run resumes where it stopped.
 */
import { availableParallelism } from 'node:os';
import { flags, integer, readArgs, stringFlags, usageError } from '@lola-ts/cli';
import { availableSystems, generateDataset, splitCounts, SPLITS, type GenerateProgress } from '@lola-ts/simulators';

const USAGE = `usage: lola-train data --system ${['euler', 'gray-scott', 'rayleigh-benard'].join('|')} --out DIR
         [--resolution N] [--trajectories N] [--frames N] [--bc open|periodic]
         [--param key=value ...] [--seed S] [--workers N]

  --trajectories N  trajectories per parameter set (one file family each; split 0.8/0.1/0.1), default 10
  --seed S          integer seed (default 0); the data depend only on the seed and the options
  --workers N       worker threads (default: available cores; 0 = run in this thread)
  --param k=v       system parameters, e.g. gamma=1.4 (euler), see the simulators README
  --allow-empty-splits  write a dataset whose valid/ or test/ split is empty (refused by default:
                    training needs a validation split and evaluation a test split)`;

const LINE = { name: 'lola-train data', usage: USAGE };

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** A progress bar with ETA on stderr (redrawn in place on a TTY, one line per trajectory otherwise). */
function progressBar(): { update: (p: GenerateProgress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  const start = Date.now();
  let startFraction: number | null = null;
  let lastDone = -1;
  let lastDraw = 0;
  return {
    update(p) {
      startFraction ??= p.fraction;
      const now = Date.now();
      if (tty ? now - lastDraw < 200 && p.done === lastDone : p.done === lastDone) return;
      lastDraw = now;
      lastDone = p.done;
      const elapsed = (now - start) / 1000;
      const gained = p.fraction - startFraction;
      const eta = gained > 0 ? (elapsed / gained) * (1 - p.fraction) : Infinity;
      const width = 30;
      const filled = Math.round(p.fraction * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(100 * p.fraction).toFixed(1).padStart(5)}%  ${p.done}/${p.total} trajectories  elapsed ${formatDuration(elapsed)}  ETA ${formatDuration(eta)}  ${p.file}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/** Parses the command line (throws on bad input; null for --help). */
function parseGenerateArgs(argv: string[]) {
  const { values: v } = flags(argv, {
    ...stringFlags('system', 'out', 'resolution', 'trajectories', 'frames', 'bc', 'workers'),
    param: { type: 'string', multiple: true },
    seed: { type: 'string', default: '0' },
    'allow-empty-splits': { type: 'boolean' },
  });
  if (v.help) return null;
  if (!v.system) throw new Error('--system is required');
  const known = availableSystems();
  if (!known.includes(v.system as never)) throw new Error(`unknown --system '${v.system}'; available: ${known.join(', ')}`);
  if (!v.out) throw new Error('--out is required');
  const resolution = integer('--resolution', v.resolution, { min: 4 });
  const trajectories = integer('--trajectories', v.trajectories, { min: 1 });
  const frames = integer('--frames', v.frames, { min: 1 });
  const workers = integer('--workers', v.workers, { min: 0 });
  const seed = integer('--seed', v.seed);
  const params: Record<string, string> = {};
  for (const kv of v.param ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new Error(`--param expects key=value, got '${kv}'`);
    const key = kv.slice(0, eq);
    if (key in params) throw new Error(`--param '${key}' given twice`);
    params[key] = kv.slice(eq + 1);
  }
  const counts = splitCounts(trajectories ?? 10);
  const empty = SPLITS.filter((sp) => counts[sp] === 0);
  if (empty.length && !v['allow-empty-splits']) {
    throw new Error(
      `--trajectories ${String(trajectories ?? 10)} gives empty ${empty.join(' and ')} split(s) (train ${counts.train}, valid ${counts.valid}, test ${counts.test} per parameter set); ` +
        `use at least 5 trajectories, or --allow-empty-splits to write them anyway`,
    );
  }
  return { system: v.system, out: v.out, bc: v.bc, resolution, trajectories, frames, workers, seed, params, empty };
}

export async function runGenerate(argv: string[]): Promise<number> {
  const v = readArgs(LINE, () => parseGenerateArgs(argv));
  if (typeof v === 'number') return v;
  const { resolution, trajectories, frames, workers, seed, params, empty } = v;
  if (empty.length) console.error(`[data] WARNING: the ${empty.join(' and ')} split(s) will be empty (--allow-empty-splits)`);

  const bar = progressBar();
  const started = Date.now();
  try {
    const summary = await generateDataset({
      system: v.system,
      out: v.out,
      systemOptions: { resolution, frames, bc: v.bc, params },
      trajectories: trajectories ?? 10,
      seed,
      workers: workers ?? availableParallelism(),
      onProgress: (p) => bar.update(p),
    });
    bar.end();
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.error(
      `[data] ${summary.datasetName}: ${summary.written} trajectories written, ${summary.resumed} already done` +
        `${summary.redrawn ? `, ${summary.redrawn} initial conditions redrawn after divergence` : ''}, ${summary.files.length} files, ${secs} s`,
    );
    console.log(summary.datasetDir);
    return 0;
  } catch (err) {
    bar.end();
    const msg = (err as Error).message;
    // Option errors raised by the system factories are usage errors.
    if (err instanceof RangeError) return usageError(LINE, msg);
    console.error(`lola-train data: ${msg}`);
    return 1;
  }
}
