/**
 * `lola-train ae --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [dotted.key=value ...]`
 *
 * Trains the DCAE autoencoder on random single snapshots of a Well dataset (docs/method.md §2, §12),
 * validating each epoch, logging JSONL and showing a progress bar; an interrupted run (Ctrl-C or
 * kill -9) resumes from `<out>/last/` when the same command is run again.
 */
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, initRuntime, type BackendChoice } from '@lola-ts/nn-blocks';
import { loadAeStageConfig } from '../ae/config.js';
import { trainAutoencoder } from '../ae/train.js';

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
  console.error(`[ae] backend ${runtime.backend}, ${runtime.threads} thread(s)${runtime.notes.length ? ` (${runtime.notes.join('; ')})` : ''}`);

  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error('\n[ae] interrupted: saving last/ (press Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { run, result } = await trainAutoencoder(cfg, v.config, { signal: controller.signal, fresh: v.fresh });
    const s = result.state;
    const best = s.bestValidation === null ? 'none' : `${s.bestValidation.toPrecision(4)} at step ${s.bestStep}`;
    console.error(`[ae] ${result.stopped ? 'stopped' : 'done'} at step ${s.step}: best validation loss ${best}; ${run.root}`);
    return result.stopped ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
