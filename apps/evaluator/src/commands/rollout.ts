/**
 * `lola-eval rollout --model RUN --data DATASET_DIR --out DIR [--split test] [--context 1..3]
 * [--ensemble N] [--steps N] [--start K] [--frames N] [--trajectories N] [--stride S] [--seed S]
 * [--backend auto|wasm|cpu|...] [--threads N] [--checkpoint last|best]`: encodes the starting
 * states, rolls out, decodes, and writes the predicted trajectories in The Well's format with a
 * `rollout.json` manifest (timing per emulated state included). An AE run gives reconstructions.
 */
import { BACKEND_OPTIONS, checkOutputDir, flags, integer, readArgs, readBackend, requireFlags, stopOnSignals } from '@lola-ts/cli';
import { BACKEND_CHOICES, initRuntime } from '@lola-ts/nn-blocks';
import type { WellSplit } from '@lola-ts/well-data';
import { loadMethod } from '../rollouts/methods.js';
import { runRollouts } from '../rollouts/run-rollouts.js';

const USAGE = `usage: lola-eval rollout --model RUN --data DATASET_DIR --out DIR [--split test] [--context 1] [--ensemble 8] [--steps 16]
                        [--start 0] [--frames N] [--trajectories 8] [--stride 4] [--seed 0] [--backend auto] [--threads N]
                        [--checkpoint last|best] [--chunks 4]

  --model RUN         a lola-train dm|ns run (emulation) or ae run (reconstructions)
  --data DIR          the dataset directory (<base>/<dataset_name>) holding data/<split>/
  --out DIR           the rollout directory (predictions in The Well's format + rollout.json); resumable
  --context N         known states before emulating (1..3)
  --ensemble N        DM members per trajectory (NS and AE: 1)
  --steps N           DM sampler steps
  --start K           first predicted time index (the context ends there)
  --frames N          frames per trajectory (default: all from the slice start)
  --trajectories N    test trajectories, picked with seeded uniforms
  --stride S          simulator steps per emulated state
  --seed S            seed of the sampling noise
  --backend NAME      auto | wasm | cpu | tensorflow | webgpu
  --threads N         wasm threads
  --checkpoint NAME   last | best
  --chunks N          frames encoded/decoded per chunk
SIGINT/SIGTERM stop after the current trajectory (again: at once); re-run the same command to resume.`;

/** Parses the command line (throws on bad input; null for --help); the numbers are checked later. */
function parseRolloutArgs(argv: string[]) {
  const { values } = flags(argv, {
    model: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    split: { type: 'string', default: 'test' },
    context: { type: 'string', default: '1' },
    ensemble: { type: 'string', default: '8' },
    steps: { type: 'string', default: '16' },
    start: { type: 'string', default: '0' },
    frames: { type: 'string' },
    trajectories: { type: 'string', default: '8' },
    stride: { type: 'string', default: '4' },
    seed: { type: 'string', default: '0' },
    ...BACKEND_OPTIONS,
    checkpoint: { type: 'string', default: 'last' },
    chunks: { type: 'string', default: '4' },
  });
  if (values.help) return null;
  return requireFlags(values, ['model', 'data', 'out']);
}

export async function run(argv: string[]): Promise<number> {
  const values = readArgs({ name: 'lola-eval rollout', usage: USAGE }, () => parseRolloutArgs(argv));
  if (typeof values === 'number') return values;
  if (!['train', 'valid', 'test'].includes(values.split)) throw new Error(`--split must be train, valid or test, got '${values.split}'`);
  checkOutputDir(values.out, 'rollout directory (--out)');
  const runtime = await initRuntime(readBackend(values, BACKEND_CHOICES, 64));
  const method = await loadMethod(values.model, {
    ensemble: integer('--ensemble', values.ensemble, { min: 1 }),
    steps: integer('--steps', values.steps, { min: 1 }),
    chunks: integer('--chunks', values.chunks, { min: 1 }),
    checkpoint: values.checkpoint,
  });
  const tty = process.stderr.isTTY;
  const stop = stopOnSignals('lola-eval rollout', 'stopping after the current trajectory');
  try {
    const manifest = await runRollouts(method, {
      signal: stop.signal,
      dataset: values.data,
      split: values.split as WellSplit,
      out: values.out,
      context: integer('--context', values.context, { min: 1, max: 3 }),
      stride: integer('--stride', values.stride, { min: 1 }),
      start: integer('--start', values.start, { min: 0 }),
      frames: integer('--frames', values.frames, { min: 2 }),
      trajectories: integer('--trajectories', values.trajectories, { min: 1 }),
      seed: integer('--seed', values.seed, { min: 0 }),
      model: values.model,
      onProgress: (done, total, label) =>
        process.stderr.write(`${tty ? '\r' : ''}[rollout ${method.method}] ${done}/${total} ${label}${tty ? '   ' : '\n'}`),
    });
    if (tty) process.stderr.write('\n');
    const t = manifest.timing!;
    console.error(
      `lola-eval rollout: ${manifest.sources.length} trajectories × ${manifest.ensembleSize} members × ${manifest.frames} frames on ${runtime.backend}` +
        ` (${runtime.threads} thread(s)): ${(1000 * t.secondsPerState).toFixed(2)} ms per emulated state (rollout ${t.rolloutSeconds.toFixed(1)} s + decode ${t.decodeSeconds.toFixed(1)} s)`,
    );
    return 0;
  } catch (err) {
    if (stop.exitCode === null) throw err;
    if (tty) process.stderr.write('\n');
    console.error(
      `lola-eval rollout: interrupted; the finished trajectories in ${values.out} are kept, run the same command again to resume`,
    );
    return stop.exitCode;
  } finally {
    stop.dispose();
    method.dispose();
  }
}
