/**
 * Runs `benchmarks/reference/kernels.py` (the same workloads in PyTorch) with Debian's
 * `/usr/bin/python3` + python3-torch, and returns its timings by workload name.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface TorchTiming {
  name: string;
  meanMs: number;
  moeMs: number;
  samples: number;
}

export interface TorchRun {
  torch: string;
  threads: number;
  blas: string;
  timings: Map<string, TorchTiming>;
}

/** Path of the reference script (same relative place from src/ and dist/). */
export const REFERENCE_SCRIPT = fileURLToPath(new URL('../../reference/kernels.py', import.meta.url));

export function runTorch(options: { python?: string; threads: number; iterations: number; only: string[] | null }): Promise<TorchRun> {
  const python = options.python ?? process.env['LOLA_PYTHON'] ?? '/usr/bin/python3';
  const args = [REFERENCE_SCRIPT, '--threads', String(options.threads), '--iterations', String(options.iterations)];
  if (options.only) args.push('--only', options.only.join(','));
  return new Promise((resolve, reject) => {
    execFile(python, args, { encoding: 'utf8', timeout: 30 * 60_000, maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) {
        reject(
          new Error(
            `--vs-torch: ${python} ${REFERENCE_SCRIPT} failed (${err.message.split('\n')[0]}): ${stderr.trim().slice(-800)}. ` +
              'It needs Debian python3-torch and libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread).',
          ),
        );
        return;
      }
      const lines = stdout.split('\n').filter((l) => l.trim());
      const timings = new Map<string, TorchTiming>();
      let header: { torch?: string; threads?: number; blas?: string } = {};
      for (const [i, line] of lines.entries()) {
        let obj: Record<string, unknown>;
        try {
          obj = JSON.parse(line) as Record<string, unknown>;
        } catch {
          reject(new Error(`--vs-torch: line ${i + 1} of the reference output is not JSON: ${line.slice(0, 200)}`));
          return;
        }
        if (typeof obj['torch'] === 'string') header = obj as typeof header;
        else if (typeof obj['name'] === 'string' && typeof obj['mean_ms'] === 'number') {
          timings.set(obj['name'], {
            name: obj['name'],
            meanMs: obj['mean_ms'],
            moeMs: Number(obj['moe_ms'] ?? 0),
            samples: Number(obj['samples'] ?? 0),
          });
        }
      }
      resolve({ torch: header.torch ?? 'unknown', threads: header.threads ?? options.threads, blas: header.blas ?? 'unknown', timings });
    });
  });
}
