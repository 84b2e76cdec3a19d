/** Command-line options of `lola-bench emulation`. */
import { parseArgs } from 'node:util';
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

function intList(flag: string, value: string, min: number): number[] {
  const items = value.split(',').map((s) => s.trim());
  return items.map((s) => {
    const n = Number(s);
    if (s === '' || !Number.isInteger(n) || n < min)
      throw new Error(`lola-bench emulation: ${flag} '${value}': each entry must be an integer >= ${min}`);
    return n;
  });
}

const one = (flag: string, value: string, min: number) => {
  const list = intList(flag, value, min);
  if (list.length !== 1) throw new Error(`lola-bench emulation: ${flag} expects one integer, got '${value}'`);
  return list[0]!;
};

/** Parses the command line (throws with a clear message on bad input); null for --help. */
export function parseEmulationArgs(argv: string[]): EmulationArgs | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      resolutions: { type: 'string' },
      ensemble: { type: 'string' },
      steps: { type: 'string' },
      frames: { type: 'string' },
      backend: { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      quick: { type: 'boolean' },
      iterations: { type: 'string' },
      'sim-outputs': { type: 'string' },
      'max-batch-tokens': { type: 'string' },
      'pixel-patch': { type: 'string' },
      'latent-channels': { type: 'string' },
      methods: { type: 'string' },
      configs: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return null;
  const quick = values.quick ?? false;
  const backend = values.backend ?? 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(backend))
    throw new Error(`lola-bench emulation: --backend expects one of ${BACKEND_CHOICES.join(', ')}, got '${backend}'`);
  const methods = values.methods ? values.methods.split(',').map((s) => s.trim()) : [...METHODS];
  const unknown = methods.filter((m) => !(METHODS as readonly string[]).includes(m));
  if (unknown.length || !methods.length)
    throw new Error(`lola-bench emulation: --methods: unknown method(s) '${unknown.join(',')}'; expected some of ${METHODS.join(', ')}`);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`lola-bench emulation: --seed '${values.seed}' is not an integer`);
  const frames = one('--frames', values.frames ?? '5', 1);
  const resolutions = intList('--resolutions', values.resolutions ?? (quick ? '64' : '64,128,256'), 4);
  return {
    system: 'euler',
    resolutions: [...new Set(resolutions)].sort((a, b) => a - b),
    ensemble: one('--ensemble', values.ensemble ?? (quick ? '2' : '16'), 1),
    steps: one('--steps', values.steps ?? (quick ? '2' : '16'), 1),
    frames,
    simOutputs: one('--sim-outputs', values['sim-outputs'] ?? (quick ? '1' : '2'), 1),
    iterations: one('--iterations', values.iterations ?? '1', 1),
    maxBatchTokens: one('--max-batch-tokens', values['max-batch-tokens'] ?? '1280', 1),
    pixelPatch: values['pixel-patch'] === undefined ? null : one('--pixel-patch', values['pixel-patch'], 1),
    latChannels: intList('--latent-channels', values['latent-channels'] ?? DEFAULT_LAT_CHANNELS.join(','), 1),
    methods: methods as Method[],
    seed,
    configDir: values.configs === 'none' ? null : (values.configs ?? defaultConfigDir()),
    backend: backend as BackendChoice,
    threads: values.threads === undefined ? undefined : one('--threads', values.threads, 1),
    out: values.out ?? null,
    quick,
  };
}
