/**
 * `lola-train ae --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [dotted.key=value ...]`
 *
 * Trains the DCAE autoencoder on random single snapshots of a Well dataset (docs/method.md §2, §12),
 * validating each epoch, logging JSONL and showing a progress bar; an interrupted run (Ctrl-C or
 * kill -9) resumes from `<out>/last/` when the same command is run again. SIGINT/SIGTERM save
 * `last/` at the current step and exit 130/143 (./stop-signals.ts).
 */
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, initRuntime, type BackendChoice } from '@lola-ts/nn-blocks';
import { loadAeStageConfig, trainAutoencoder } from '@lola-ts/experiment';
import { stopTrainingOnSignals, trainingOutcome } from './stop-signals.js';

const USAGE = `usage: lola-train ae --config FILE [--out DIR] [--backend ${BACKEND_CHOICES.join('|')}] [--threads N] [--fresh]
                    [dotted.key=value ...]

  --config FILE   stage config (YAML), e.g. configs/ae-euler-c64.yaml
  --out DIR       run directory (same as the override out=DIR)
  --backend B     tfjs backend (default auto: tfjs-node if installed, else wasm)
  --threads N     wasm threads (default: available cores)
  --fresh         refuse to resume: fail if DIR already holds a checkpoint
  key=value       dotted overrides, e.g. ae.latChannels=16 train.epochs=5`;

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        out: { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        threads: { type: 'string' },
        fresh: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    console.error(`lola-train ae: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (!v.config) {
    console.error(`lola-train ae: --config is required\n${USAGE}`);
    return 2;
  }
  const bad = parsed.positionals.find((p) => !p.includes('='));
  if (bad) {
    console.error(`lola-train ae: unexpected argument '${bad}' (overrides look like dotted.key=value)\n${USAGE}`);
    return 2;
  }
  if (!(BACKEND_CHOICES as readonly string[]).includes(v.backend!)) {
    console.error(`lola-train ae: --backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${v.backend}'`);
    return 2;
  }
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    console.error(`lola-train ae: --threads must be a positive integer, got '${v.threads}'`);
    return 2;
  }
  const overrides = [...parsed.positionals, ...(v.out ? [`out=${v.out}`] : [])];
  const cfg = loadAeStageConfig(v.config, overrides);
  const runtime = await initRuntime({ backend: v.backend as BackendChoice, threads });
  console.error(
    `[ae] backend ${runtime.backend}, ${runtime.threads} thread(s)${runtime.notes.length ? ` (${runtime.notes.join('; ')})` : ''}`,
  );

  const stop = stopTrainingOnSignals('[ae]');
  try {
    const { run, result, resolved } = await trainAutoencoder(cfg, v.config, { signal: stop.signal, fresh: v.fresh });
    const { line, code } = trainingOutcome(
      '[ae]',
      stop,
      result,
      run,
      resolved.info?.totalSteps ?? cfg.train.epochs * cfg.train.stepsPerEpoch,
    );
    console.error(line);
    return code;
  } finally {
    stop.dispose();
  }
}
