/**
 * Shared command line of `lola-train dm` and `lola-train ns`:
 *   --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [--pixel (ns)] [dotted.key=value ...]
 */
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, initRuntime, type BackendChoice } from '@lola-ts/nn-blocks';
import { loadEmulatorStageConfig, trainEmulator, type EmulatorKind } from '@lola-ts/experiment';
import { stopTrainingOnSignals, trainingOutcome } from '../commands/stop-signals.js';

function usage(kind: EmulatorKind): string {
  const pixel = kind === 'ns' ? ' [--pixel]' : '';
  return `usage: lola-train ${kind} --config FILE [--out DIR] [--backend ${BACKEND_CHOICES.join('|')}] [--threads N] [--fresh]${pixel}
                    [dotted.key=value ...]

  --config FILE   stage config (YAML), e.g. configs/${kind}-euler-c16.yaml
  --out DIR       run directory (same as the override out=DIR)
  --backend B     tfjs backend (default auto: tfjs-node if installed, else wasm)
  --threads N     wasm threads (default: available cores)
  --fresh         refuse to resume: fail if DIR already holds a checkpoint${kind === 'ns' ? '\n  --pixel         train on a Well dataset in pixel space (data.source=well; data.path = dataset root)' : ''}
  key=value       dotted overrides, e.g. model.hidBlocks=4 train.epochs=5 data.path=runs/latents/euler-c16`;
}

export async function runEmulatorCommand(kind: EmulatorKind, argv: string[]): Promise<number> {
  const USAGE = usage(kind);
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
        ...(kind === 'ns' ? { pixel: { type: 'boolean' as const, default: false } } : {}),
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    console.error(`lola-train ${kind}: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (!v.config) {
    console.error(`lola-train ${kind}: --config is required\n${USAGE}`);
    return 2;
  }
  const bad = parsed.positionals.find((p) => !p.includes('='));
  if (bad) {
    console.error(`lola-train ${kind}: unexpected argument '${bad}' (overrides look like dotted.key=value)\n${USAGE}`);
    return 2;
  }
  if (!(BACKEND_CHOICES as readonly string[]).includes(v.backend as string)) {
    console.error(`lola-train ${kind}: --backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${v.backend}'`);
    return 2;
  }
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    console.error(`lola-train ${kind}: --threads must be a positive integer, got '${v.threads}'`);
    return 2;
  }
  const overrides = [...(v.pixel ? ['data.source=well'] : []), ...parsed.positionals, ...(v.out ? [`out=${v.out}`] : [])];
  const configPath = v.config as string;
  const cfg = loadEmulatorStageConfig(configPath, overrides);
  const runtime = await initRuntime({ backend: v.backend as BackendChoice, threads });
  console.error(
    `[${kind}] backend ${runtime.backend}, ${runtime.threads} thread(s)${runtime.notes.length ? ` (${runtime.notes.join('; ')})` : ''}`,
  );

  const stop = stopTrainingOnSignals(`[${kind}]`);
  try {
    const { run, result } = await trainEmulator(kind, cfg, configPath, { signal: stop.signal, fresh: v.fresh as boolean });
    const { line, code } = trainingOutcome(`[${kind}]`, stop, result, run, cfg.train.epochs * cfg.train.stepsPerEpoch);
    console.error(line);
    return code;
  } finally {
    stop.dispose();
  }
}
