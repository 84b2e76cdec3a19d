/**
 * The command line of the training stages `lola-train ae|dm|ns`:
 *   --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [--pixel (ns)] [dotted.key=value ...]
 */
import { BACKEND_OPTIONS, flags, overrides, readBackend, type CommandLine } from '@lola-ts/cli';
import { BACKEND_CHOICES, type BackendChoice } from '@lola-ts/nn-blocks';

/** The parsed options of a training stage. */
export interface StageArgs {
  config: string;
  backend: BackendChoice;
  threads: number | undefined;
  fresh: boolean;
  pixel: boolean;
  /** The dotted overrides, then `out=DIR` for `--out`. */
  overrides: string[];
}

/** What the usage of a stage says beyond the shared flags. */
export interface StageUsage {
  /** An example stage config, e.g. configs/ae-euler-c64.yaml. */
  example: string;
  /** Example overrides, e.g. `ae.latChannels=16 train.epochs=5`. */
  overrides: string;
  /** With `--pixel` (ns). */
  pixel?: boolean;
}

/** `name` (`lola-train ae`) and its usage. */
export function stageLine(name: string, u: StageUsage): CommandLine {
  const usage = `usage: ${name} --config FILE [--out DIR] [--backend ${BACKEND_CHOICES.join('|')}] [--threads N] [--fresh]${u.pixel ? ' [--pixel]' : ''}
                    [dotted.key=value ...]

  --config FILE   stage config (YAML), e.g. ${u.example}
  --out DIR       run directory (same as the override out=DIR)
  --backend B     tfjs backend (default auto: tfjs-node if installed, else wasm)
  --threads N     wasm threads (default: available cores)
  --fresh         refuse to resume: fail if DIR already holds a checkpoint${u.pixel ? '\n  --pixel         train on a Well dataset in pixel space (data.source=well; data.path = dataset root)' : ''}
  key=value       dotted overrides, e.g. ${u.overrides}`;
  return { name, usage };
}

/** Parses a stage's argv (throws on bad input; null for --help); `pixel` accepts `--pixel`. */
export function parseStageArgs(argv: string[], pixel = false): StageArgs | null {
  const { values: v, positionals } = flags(
    argv,
    {
      config: { type: 'string' },
      out: { type: 'string' },
      ...BACKEND_OPTIONS,
      fresh: { type: 'boolean', default: false },
      ...(pixel ? { pixel: { type: 'boolean' as const, default: false } } : {}),
    },
    true,
  );
  if (v.help) return null;
  if (!v.config) throw new Error('--config is required');
  const rest = overrides(positionals);
  return {
    config: v.config,
    ...readBackend(v, BACKEND_CHOICES),
    fresh: v.fresh,
    pixel: (v as { pixel?: boolean }).pixel ?? false,
    overrides: [...rest, ...(v.out ? [`out=${v.out}`] : [])],
  };
}
