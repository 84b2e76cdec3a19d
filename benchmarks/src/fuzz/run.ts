import { Worker } from 'node:worker_threads';
import { formatMutations, mutateBytes } from '@lola-ts/well-data';
import { reasonOf, type FuzzCase, type FuzzResult } from './cases.js';

/**
 * Runs `cases` one at a time in a worker thread (`worker.ts`); a case with no answer after
 * `timeoutMs` is a hang: the worker is terminated (which stops wasm code too) and a fresh one
 * takes the next case.
 */
export async function runFuzz(
  base: Uint8Array,
  cases: FuzzCase[],
  timeoutMs: number,
  options: { progress?: (done: number) => void; workerEntry?: URL; warmPath?: string } = {},
): Promise<FuzzResult[]> {
  const progress = options.progress ?? (() => {});
  const results: FuzzResult[] = [];
  let worker: Worker | null = null;
  const start = async (): Promise<Worker> => {
    // Workers do not always inherit tsx's loader: a TypeScript entry starts through tsx's API.
    const built = import.meta.url.endsWith('.js');
    const entry = (options.workerEntry ?? new URL(built ? './worker.js' : './worker.ts', import.meta.url)).href;
    const boot = entry.endsWith('.ts')
      ? `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`
      : `import(${JSON.stringify(entry)});`;
    const w = new Worker(boot, { eval: true, workerData: { base, warmPath: options.warmPath } });
    await new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
    return w;
  };
  try {
    for (const c of cases) {
      worker ??= await start();
      const w = worker;
      const mutations = formatMutations(mutateBytes(base, c.changes).applied);
      const result = await new Promise<FuzzResult>((resolve) => {
        const timer = setTimeout(() => {
          w.removeAllListeners('message');
          resolve({ index: c.index, mutations, kind: 'hang', message: `no answer in ${timeoutMs} ms`, diag: false });
        }, timeoutMs);
        w.once('message', (r: FuzzResult) => {
          clearTimeout(timer);
          resolve(r);
        });
        w.once('error', (err: Error) => {
          clearTimeout(timer);
          resolve({ index: c.index, mutations, kind: 'other-error', message: `worker died: ${err.message}`, diag: false });
        });
        w.postMessage(c);
      });
      w.removeAllListeners('error');
      if (result.kind === 'hang' || result.message.startsWith('worker died')) {
        await w.terminate();
        worker = null;
      }
      results.push(result);
      progress(results.length);
    }
  } finally {
    await worker?.terminate();
  }
  return results;
}

/** The JSON summary of a fuzz run. */
export interface FuzzSummary {
  command: 'fuzz-h5';
  seed: number;
  runs: number;
  maxChanges: number;
  timeoutMs: number;
  baseFileBytes: number;
  counts: { ok: number; 'well-format-error': number; 'other-error': number; hang: number; diag: number };
  /** Most frequent WellFormatError reasons (numbers replaced by N), with counts. */
  reasons: { reason: string; count: number }[];
  /** Every case that hung, threw something else or printed HDF5-DIAG (at most 100). */
  failures: FuzzResult[];
}

/** Counts outcomes and reasons of a run's results. */
export function summarize(
  seed: number,
  runs: number,
  maxChanges: number,
  timeoutMs: number,
  baseFileBytes: number,
  results: FuzzResult[],
): FuzzSummary {
  const counts = { ok: 0, 'well-format-error': 0, 'other-error': 0, hang: 0, diag: 0 };
  const reasons = new Map<string, number>();
  for (const r of results) {
    counts[r.kind]++;
    if (r.diag) counts.diag++;
    if (r.kind === 'well-format-error') reasons.set(reasonOf(r.message), (reasons.get(reasonOf(r.message)) ?? 0) + 1);
  }
  const top = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([reason, count]) => ({ reason, count }));
  const failures = results.filter((r) => r.kind === 'hang' || r.kind === 'other-error' || r.diag).slice(0, 100);
  return { command: 'fuzz-h5', seed, runs, maxChanges, timeoutMs, baseFileBytes, counts, reasons: top, failures };
}
