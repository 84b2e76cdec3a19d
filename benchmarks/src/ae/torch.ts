/**
 * The same DCAE in PyTorch (`benchmarks/reference/ae.py`, run with Debian's `/usr/bin/python3` +
 * python3-torch and libopenblas0-pthread) on the same shapes: time per training step and per
 * forward batch.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AeBenchCase } from './configs.js';

export const AE_REFERENCE_SCRIPT = fileURLToPath(new URL('../../reference/ae.py', import.meta.url));

export interface TorchAeTiming {
  torch: string;
  threads: number;
  parameters: number;
  stepMs: number[];
  forwardMs: number[];
}

/** Mean and 95% margin (t ≈ 2 for few samples is not assumed: uses the normal 1.96·s/√n). */
export function meanMoe(xs: readonly number[]): { mean: number; moe: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, moe: 0 };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, moe: (1.96 * sd) / Math.sqrt(n) };
}

/** Command-line arguments of the reference script for a bench case. */
export function torchArgs(c: AeBenchCase, iterations: number, threads: number): string[] {
  if (c.dcae.spatial !== 2) throw new Error(`${c.source}: the PyTorch reference covers 2-D AEs only`);
  if (c.resolution[0] !== c.resolution[1]) throw new Error(`${c.source}: the PyTorch reference takes square states`);
  const heads = Object.entries(c.dcae.attentionHeads)
    .map(([l, h]) => `${l}:${h}`)
    .join(',');
  return [
    AE_REFERENCE_SCRIPT,
    '--pix',
    String(c.dcae.pixChannels),
    '--res',
    String(c.resolution[0]),
    '--hid',
    c.dcae.hidChannels.join(','),
    '--blocks',
    c.dcae.hidBlocks.join(','),
    '--lat',
    String(c.dcae.latChannels),
    '--heads',
    heads,
    '--dropout',
    String(c.dcae.dropout),
    '--batch',
    String(c.batchSize),
    '--iters',
    String(iterations),
    '--threads',
    String(threads),
    '--lr',
    String(c.lr),
  ];
}

export function runTorchAe(
  c: AeBenchCase,
  iterations: number,
  threads: number,
  python = process.env['LOLA_PYTHON'] ?? '/usr/bin/python3',
): Promise<TorchAeTiming> {
  const args = torchArgs(c, iterations, threads);
  return new Promise((resolve, reject) => {
    execFile(python, args, { encoding: 'utf8', timeout: 30 * 60_000 }, (err, stdout, stderr) => {
      if (err) {
        reject(
          new Error(
            `--vs-torch: ${python} ${AE_REFERENCE_SCRIPT} failed (${err.message.split('\n')[0]}): ${stderr.trim().slice(-600)}. It needs Debian python3-torch and libopenblas0-pthread.`,
          ),
        );
        return;
      }
      try {
        const o = JSON.parse(stdout.trim().split('\n').pop()!) as {
          torch: string;
          threads: number;
          params: number;
          step_ms: number[];
          forward_ms: number[];
        };
        resolve({ torch: o.torch, threads: o.threads, parameters: o.params, stepMs: o.step_ms, forwardMs: o.forward_ms });
      } catch (e) {
        reject(new Error(`--vs-torch: unreadable output of ${AE_REFERENCE_SCRIPT}: ${(e as Error).message}: ${stdout.slice(0, 300)}`));
      }
    });
  });
}
