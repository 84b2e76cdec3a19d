/**
 * Runs trajectory jobs either in the calling thread (`workers = 0`) or on a pool of
 * `worker_threads`. Results are identical either way (each job has its own random stream).
 *
 * Workers load `worker.js` next to this module. When this module runs from TypeScript sources
 * (tsx, vitest), the worker is started through a small bootstrap that registers tsx's loader and
 * resolves workspace packages with the `@lola-ts/source` condition.
 */
import { Worker } from 'node:worker_threads';
import { createSystem } from '../registry.js';
import type { SystemOptions } from '../system.js';
import { computeTrajectory, type TrajectoryJob, type TrajectoryResult } from './trajectory.js';

export interface TrajectoryRunner {
  /** Number of jobs that can usefully run at once. */
  readonly concurrency: number;
  run(job: TrajectoryJob, onFrame?: (k: number, total: number) => void): Promise<TrajectoryResult>;
  close(): Promise<void>;
}

export interface RunnerOptions {
  systemId: string;
  options: SystemOptions;
  seed: number;
  /** 0 = run in the calling thread; n >= 1 = a pool of n worker threads. */
  workers: number;
}

export function createRunner(o: RunnerOptions): TrajectoryRunner {
  if (!Number.isInteger(o.workers) || o.workers < 0) throw new RangeError(`workers must be an integer >= 0, got ${o.workers}`);
  return o.workers === 0 ? inProcessRunner(o) : new WorkerPool(o);
}

function inProcessRunner(o: RunnerOptions): TrajectoryRunner {
  const system = createSystem(o.systemId, o.options);
  return {
    concurrency: 1,
    async run(job, onFrame) {
      await new Promise((resolve) => setImmediate(resolve)); // let progress output and signals through
      return computeTrajectory(system, o.seed, job, onFrame);
    },
    async close() {},
  };
}

interface Pending {
  resolve: (r: TrajectoryResult) => void;
  reject: (e: Error) => void;
  onFrame?: (k: number, total: number) => void;
}

type WorkerMessage =
  | { id: number; type: 'frame'; k: number; total: number }
  | { id: number; type: 'done'; fields: Float32Array[]; steps?: number; attempts: number }
  | { id: number; type: 'error'; message: string };

function startWorker(o: RunnerOptions): Worker {
  const workerData = { systemId: o.systemId, options: o.options, seed: o.seed };
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData });
  const target = new URL('./worker.ts', here).href;
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(code, { eval: true, workerData, execArgv: ['--conditions=@lola-ts/source'] });
}

class WorkerPool implements TrajectoryRunner {
  readonly concurrency: number;
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: { id: number; job: TrajectoryJob }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(o: RunnerOptions) {
    this.concurrency = o.workers;
    for (let i = 0; i < o.workers; i++) {
      const w = startWorker(o);
      w.on('message', (m: WorkerMessage) => this.onMessage(w, m));
      w.on('error', (err) => this.fail(new Error(`simulation worker failed: ${err.message}`)));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`simulation worker exited with code ${code}`));
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  private closing = false;

  run(job: TrajectoryJob, onFrame?: (k: number, total: number) => void): Promise<TrajectoryResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<TrajectoryResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onFrame });
      this.queue.push({ id, job });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const msg = this.queue.shift()!;
      this.busy.set(w, msg.id);
      w.postMessage(msg);
    }
  }

  private onMessage(w: Worker, m: WorkerMessage): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'frame') {
      p.onFrame?.(m.k, m.total);
      return;
    }
    this.pending.delete(m.id);
    this.busy.delete(w);
    this.idle.push(w);
    if (m.type === 'done') p.resolve({ trajectory: { fields: m.fields, steps: m.steps }, attempts: m.attempts });
    else p.reject(new Error(m.message));
    this.dispatch();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
