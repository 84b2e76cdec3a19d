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
import { chooseMode, modeGroup, recordMode, type ModeGroup } from '../wasm/mode-choice.js';
import type { NativeAddon } from './addon-types.js';

export class ThreadChooser {
  private readonly groups = new Map<string, ModeGroup>();
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
    const g = modeGroup(this.groups, name, work, product);
    if (!g) {
      this.use(1);
      return fn();
    }
    const mode = chooseMode(g, 1);
    this.use(mode === 1 ? this.threads : 1);
    const t0 = performance.now();
    const out = fn();
    recordMode(g, mode, performance.now() - t0);
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
