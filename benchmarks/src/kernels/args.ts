/** Command-line options of `lola-bench kernels`. */
import { BACKEND_OPTIONS, flags, positiveInteger, readBackend } from '@lola-ts/cli';
import { BACKEND_CHOICES, type BackendChoice } from '@lola-ts/nn-blocks';

export interface KernelsOptions {
  backend: BackendChoice;
  threads: number | undefined;
  vsTorch: boolean;
  out: string | null;
  iterations: number;
  only: string[] | null;
}

export const USAGE = `usage: lola-bench kernels [--backend auto|tensorflow|native|wasm|webgpu|cpu] [--threads N] [--vs-torch]
                         [--out FILE.jsonl] [--iterations N] [--only NAME,...]

Times matmul 1024^3, conv 3x3 64->64 on 8x64x64 (forward, forward+backward), a transformer block
training step and a conv-autoencoder training step (tinybench, 1 warm-up + N iterations), prints
a table and appends one JSON record per workload to FILE.jsonl. --vs-torch also runs
benchmarks/reference/kernels.py with /usr/bin/python3 (python3-torch) and prints ours / PyTorch.`;

/** Parses argv; throws a clear error on unknown flags or bad values. `null` means --help. */
export function parseKernelsArgs(argv: string[], names: string[]): KernelsOptions | null {
  const { values } = flags(argv, {
    ...BACKEND_OPTIONS,
    'vs-torch': { type: 'boolean', default: false },
    out: { type: 'string' },
    iterations: { type: 'string', default: '5' },
    only: { type: 'string' },
  });
  if (values.help) return null;
  const only = values.only === undefined ? null : values.only.split(',').filter(Boolean);
  const unknown = only?.filter((n) => !names.includes(n)) ?? [];
  if (only && (!only.length || unknown.length))
    throw new Error(`--only expects names from ${names.join(', ')}; got '${unknown.join(',') || ''}'`);
  if (values.out === '') throw new Error('--out expects a file name');
  return {
    ...readBackend(values, BACKEND_CHOICES),
    vsTorch: values['vs-torch'],
    out: values.out ?? null,
    iterations: positiveInteger('--iterations', values.iterations),
    only,
  };
}
