/**
 * Per-kernel choice of the native thread count (all threads or one), like the wasm thread gate:
 * on a shared machine whose load exceeds its cores, every parallel region waits for a descheduled
 * thread and small calls get slower with threads. Calls are grouped by kernel and size (powers of
 * 2 of the work); each group keeps a running mean of the wall time per call with one thread and
 * with all, uses the faster one and tries the other every 32nd call. Small work always runs on one
 * thread. The thread count may change the blocking of OpenBLAS and oneDNN and so the last bits of
 * a product (within the conformance tolerances); the element-wise loops and sums do not change.
 */
import type * as tf from '@tensorflow/tfjs';
import { kernelWork } from '../wasm/kernel-work.js';
import type { NativeAddon } from './addon-types.js';

const MIN_VALUES = 1 << 15;
const MIN_MACS = 1 << 18;
const EXPLORE_EVERY = 32;
const EMA = 0.25;

interface Group {
  ms: [number, number];
  seen: [number, number];
  calls: number;
}

export class ThreadChooser {
  private readonly groups = new Map<string, Group>();
  private current: number;

  constructor(
    private readonly addon: NativeAddon,
    private readonly threads: number,
  ) {
    this.current = threads;
  }

  private use(n: number): void {
    if (n !== this.current) {
      this.addon.setThreads(n);
      this.current = n;
    }
  }

  /** Runs `fn` (one native kernel call) with the thread count chosen for its group. */
  run<T>(name: string, p: Parameters<tf.KernelFunc>[0], fn: () => T): T {
    if (this.threads < 2) return fn();
    const [work, product] = kernelWork(name, p.inputs, p.attrs ?? {});
    if (work < (product ? MIN_MACS : MIN_VALUES)) {
      this.use(1);
      return fn();
    }
    const key = `${name}|${Math.round(Math.log2(work))}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { ms: [0, 0], seen: [0, 0], calls: 0 }));
    g.calls++;
    let mode: 0 | 1;
    if (g.seen[1] < 2) mode = 1;
    else if (g.seen[0] < 2) mode = 0;
    else {
      mode = g.ms[1] < g.ms[0] ? 1 : 0;
      if (g.calls % EXPLORE_EVERY === 0) mode = mode === 1 ? 0 : 1;
    }
    this.use(mode === 1 ? this.threads : 1);
    const t0 = performance.now();
    const out = fn();
    const dt = performance.now() - t0;
    g.ms[mode] = g.seen[mode] === 0 ? dt : (1 - EMA) * g.ms[mode] + EMA * dt;
    g.seen[mode]++;
    return out;
  }

  /** Groups whose current choice is all threads, and the running means (ms) per group. */
  stats(): { threaded: string[]; groups: Record<string, { ms: [number, number]; calls: number }> } {
    const threaded = [...this.groups].filter(([, g]) => g.ms[1] <= g.ms[0]).map(([k]) => k);
    return {
      threaded,
      groups: Object.fromEntries([...this.groups].map(([k, g]) => [k, { ms: [...g.ms] as [number, number], calls: g.calls }])),
    };
  }
}
