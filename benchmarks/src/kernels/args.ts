/** Command-line options of `lola-bench kernels`. */
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

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < 1) throw new Error(`kernels: ${flag} expects a positive integer, got '${v ?? ''}'`);
  return n;
}

/** Parses argv; throws a clear error on unknown flags or bad values. `null` means --help. */
export function parseKernelsArgs(argv: string[], names: string[]): KernelsOptions | null {
  const o: KernelsOptions = { backend: 'auto', threads: undefined, vsTorch: false, out: null, iterations: 5, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return null;
      case '--backend': {
        const b = value();
        if (!(BACKEND_CHOICES as readonly string[]).includes(b ?? ''))
          throw new Error(`kernels: --backend expects one of ${BACKEND_CHOICES.join(', ')}, got '${b ?? ''}'`);
        o.backend = b as BackendChoice;
        break;
      }
      case '--threads':
        o.threads = positiveInt('--threads', value());
        break;
      case '--iterations':
        o.iterations = positiveInt('--iterations', value());
        break;
      case '--vs-torch':
        o.vsTorch = true;
        break;
      case '--out': {
        const f = value();
        if (!f) throw new Error('kernels: --out expects a file name');
        o.out = f;
        break;
      }
      case '--only': {
        const list = (value() ?? '').split(',').filter(Boolean);
        const unknown = list.filter((n) => !names.includes(n));
        if (!list.length || unknown.length)
          throw new Error(`kernels: --only expects names from ${names.join(', ')}; got '${unknown.join(',') || ''}'`);
        o.only = list;
        break;
      }
      default:
        throw new Error(`kernels: unknown option '${a}'. Run 'lola-bench kernels --help'.`);
    }
  }
  return o;
}
