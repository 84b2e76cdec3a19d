/**
 * `lola-eval rollout --model RUN --data DATASET_DIR --out DIR [--split test] [--context 1..3]
 * [--ensemble N] [--steps N] [--start K] [--frames N] [--trajectories N] [--stride S] [--seed S]
 * [--backend auto|wasm|cpu|...] [--threads N] [--checkpoint last|best]`: encodes the starting
 * states, rolls out, decodes, and writes the predicted trajectories in The Well's format with a
 * `rollout.json` manifest (timing per emulated state included). An AE run gives reconstructions.
 */
import { initRuntime, type BackendChoice } from '@lola-ts/nn-blocks';
import type { WellSplit } from '@lola-ts/well-data';
import { parseArgs } from 'node:util';
import { HELP_OPTION, tryParse } from '../cli/args.js';
import { checkOutputDir } from '../cli/output.js';
import { stopOnSignals } from '../cli/signals.js';
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

function int(name: string, v: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}], got '${v}'`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = tryParse('rollout', USAGE, () =>
    parseArgs({
      args: argv,
      options: {
        ...HELP_OPTION,
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
        backend: { type: 'string', default: 'auto' },
        threads: { type: 'string' },
        checkpoint: { type: 'string', default: 'last' },
        chunks: { type: 'string', default: '4' },
      },
    }),
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.model || !values.data || !values.out) {
    console.error(`lola-eval rollout: --model, --data and --out are required\n${USAGE}`);
    return 2;
  }
  if (!['train', 'valid', 'test'].includes(values.split)) throw new Error(`--split must be train, valid or test, got '${values.split}'`);
  checkOutputDir(values.out, 'rollout directory (--out)');
  const runtime = await initRuntime({ backend: values.backend as BackendChoice, threads: int('threads', values.threads, 1, 64) });
  const method = await loadMethod(values.model, {
    ensemble: int('ensemble', values.ensemble, 1)!,
    steps: int('steps', values.steps, 1)!,
    chunks: int('chunks', values.chunks, 1),
    checkpoint: values.checkpoint,
  });
  const tty = process.stderr.isTTY;
  const stop = stopOnSignals('rollout', 'stopping after the current trajectory');
  try {
    const manifest = await runRollouts(method, {
      signal: stop.signal,
      dataset: values.data,
      split: values.split as WellSplit,
      out: values.out,
      context: int('context', values.context, 1, 3)!,
      stride: int('stride', values.stride, 1)!,
      start: int('start', values.start, 0)!,
      frames: int('frames', values.frames, 2),
      trajectories: int('trajectories', values.trajectories, 1)!,
      seed: int('seed', values.seed, 0)!,
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
