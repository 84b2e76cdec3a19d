/** Command-line options of `lola-bench emulation`. */
import { BACKEND_OPTIONS, flags, integer, integerList, list, positiveInteger, readBackend } from '@lola-ts/cli';
import { BACKEND_CHOICES, type BackendChoice } from '@lola-ts/nn-blocks';
import { defaultConfigDir, DEFAULT_LAT_CHANNELS } from './architecture.js';
import type { Method } from './cases.js';
import { METHODS, type EmulationBenchOptions } from './suite.js';

export const USAGE = `usage: lola-bench emulation [--resolutions 64,128,256] [--ensemble 16] [--steps 16] [--frames 5]
                           [--backend auto|tensorflow|native|wasm|webgpu|cpu] [--threads N] [--out FILE.jsonl] [--quick]
                           [--iterations 1] [--sim-outputs 2] [--max-batch-tokens 1280] [--pixel-patch P]
                           [--latent-channels 64,16,4] [--methods simulator,pixel-ns,ns,pixel-dm,dm]
                           [--configs DIR|none] [--seed 0]

Time per emulated state, side by side: the simulator (Euler), the pixel and latent neural solvers
and the pixel and latent diffusion models (AB sampler; random weights, speed only), each latent
model at every compression rate, at each input resolution. Emulators: (rollout + decode) /
(members × frames); members = min(--ensemble, --max-batch-tokens / tokens per window): the default
1280 runs the paper's 16 members on 80-token windows and fewer on larger ones (per-state cost on a
CPU hardly depends on the batch; time and attention memory do). Records say what ran.
--quick: ensemble 2, steps 2, 64² only, one simulator output (explicit flags win).`;

export interface EmulationArgs extends EmulationBenchOptions {
  backend: BackendChoice;
  threads: number | undefined;
  out: string | null;
  quick: boolean;
}

/** Parses the command line (throws with a clear message on bad input); null for --help. */
export function parseEmulationArgs(argv: string[]): EmulationArgs | null {
  const { values } = flags(argv, {
    resolutions: { type: 'string' },
    ensemble: { type: 'string' },
    steps: { type: 'string' },
    frames: { type: 'string', default: '5' },
    ...BACKEND_OPTIONS,
    out: { type: 'string' },
    quick: { type: 'boolean', default: false },
    iterations: { type: 'string', default: '1' },
    'sim-outputs': { type: 'string' },
    'max-batch-tokens': { type: 'string', default: '1280' },
    'pixel-patch': { type: 'string' },
    'latent-channels': { type: 'string', default: DEFAULT_LAT_CHANNELS.join(',') },
    methods: { type: 'string' },
    configs: { type: 'string' },
    seed: { type: 'string', default: '0' },
  });
  if (values.help) return null;
  const quick = values.quick;
  const { backend, threads } = readBackend(values, BACKEND_CHOICES);
  const methods = values.methods ? list(values.methods) : [...METHODS];
  const unknown = methods.filter((m) => !(METHODS as readonly string[]).includes(m));
  if (unknown.length || !methods.length)
    throw new Error(`--methods: unknown method(s) '${unknown.join(',')}'; expected some of ${METHODS.join(', ')}`);
  const seed = integer('--seed', values.seed);
  const frames = integer('--frames', values.frames, { min: 1 });
  const resolutions = integerList('--resolutions', values.resolutions ?? (quick ? '64' : '64,128,256'), { min: 4 });
  return {
    system: 'euler',
    resolutions: [...new Set(resolutions)].sort((a, b) => a - b),
    ensemble: positiveInteger('--ensemble', values.ensemble ?? (quick ? '2' : '16')),
    steps: positiveInteger('--steps', values.steps ?? (quick ? '2' : '16')),
    frames,
    simOutputs: positiveInteger('--sim-outputs', values['sim-outputs'] ?? (quick ? '1' : '2')),
    iterations: positiveInteger('--iterations', values.iterations),
    maxBatchTokens: positiveInteger('--max-batch-tokens', values['max-batch-tokens']),
    pixelPatch: positiveInteger('--pixel-patch', values['pixel-patch']) ?? null,
    latChannels: integerList('--latent-channels', values['latent-channels'], { min: 1 }),
    methods: methods as Method[],
    seed,
    configDir: values.configs === 'none' ? null : (values.configs ?? defaultConfigDir()),
    backend,
    threads,
    out: values.out ?? null,
    quick,
  };
}
