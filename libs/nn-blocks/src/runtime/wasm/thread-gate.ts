/**
 * Per-kernel choice between the XNNPACK thread pool and the calling thread for the threaded wasm
 * backend.
 *
 * Every XNNPACK operator run with the pool hands work to the worker threads and waits for them.
 * On an idle machine that costs microseconds; on a busy one (load above the core count) a worker
 * may wait a whole scheduler slice for a core, and each pooled call then costs about a scheduler
 * slice however small it is, often far more than the work itself on the calling thread (README
 * "Why these kernels exist (measured)").
 *
 * tfjs-backend-wasm keeps the pool in one C++ global (`threadpool`) read by every kernel, and
 * pthreadpool runs all work on the calling thread when that pointer is NULL. Its address is read
 * from the body of the exported `get_threads_count` (`i32.const ADDR; i32.load; …`) in the wasm
 * binary, then checked: zeroing it must make `get_threads_count()` answer −1 and restoring it the
 * thread count. If any check fails the gate is not installed and every kernel uses the pool.
 *
 * Policy (the outermost kernel call decides; kernels it calls inside run the same way): kernels
 * that never use the pool, and calls with little work (< 2^15 values, or < 2^18 multiply-adds for
 * products and convolutions), run on the calling thread. Larger calls are grouped by kernel and size (powers of 2); each group keeps a
 * running mean of the wall time per call of both modes, uses the faster one and tries the other on
 * every 32nd call, so the choice follows the machine's load. XNNPACK gives bit-identical results
 * with and without the pool (each output is accumulated in the same order), so the choice never
 * changes numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { kernelWork } from './kernel-work.js';
import { chooseMode, modeGroup, recordMode, type ModeGroup } from './mode-choice.js';
import type { BackendWasm } from './util.js';

export { kernelWork };

/**
 * Kernels that may hand work to the XNNPACK pool (XNNPACK operators, or runtime kernels built on
 * them). Every other kernel (copies, reshapes, JS loops, the plain C++ loops) runs on the calling
 * thread without bookkeeping.
 */
const POOL_KERNELS = new Set([
  'BatchMatMul',
  '_FusedMatMul',
  'Conv2D',
  'FusedConv2D',
  'DepthwiseConv2dNative',
  'FusedDepthwiseConv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'AvgPool',
  'MaxPool',
  'Add',
  'Sub',
  'Multiply',
  'RealDiv',
  'Maximum',
  'Minimum',
  'SquaredDifference',
  'Sigmoid',
  'Tanh',
  'Neg',
  'Abs',
  'Relu',
  'Relu6',
  'Elu',
  'LeakyRelu',
  'Prelu',
  'Square',
  'Sqrt',
  'Rsqrt',
  'Pow',
  'Softmax',
  'ClipByValue',
  'Floor',
  'Ceil',
  'Round',
  'Exp',
]);

/** Reads the address of the `threadpool` global from the code of `get_threads_count`; null if the code differs. */
export function threadpoolAddress(wasm: Uint8Array): number | null {
  let p = 8;
  const leb = (): number => {
    let r = 0;
    let s = 0;
    let b: number;
    do {
      b = wasm[p++]!;
      r |= (b & 0x7f) << s;
      s += 7;
    } while (b & 0x80 && p < wasm.length);
    return r >>> 0;
  };
  const name = (): string => {
    const l = leb();
    const s = Buffer.from(wasm.subarray(p, p + l)).toString();
    p += l;
    return s;
  };
  let importedFuncs = 0;
  let fn = -1;
  let code = -1;
  while (p < wasm.length) {
    const id = wasm[p++]!;
    const size = leb();
    const start = p;
    if (id === 2) {
      for (let i = leb(); i > 0; i--) {
        name();
        name();
        const kind = wasm[p++]!;
        if (kind === 0) {
          leb();
          importedFuncs++;
        } else if (kind === 1) {
          p++;
          if (leb() & 1) leb();
          leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) p += 2;
        else return null;
      }
    } else if (id === 7) {
      for (let i = leb(); i > 0; i--) {
        const n = name();
        const kind = wasm[p++]!;
        const index = leb();
        if (kind === 0 && n === 'get_threads_count') fn = index;
      }
    } else if (id === 10) code = start;
    p = start + size;
  }
  if (fn < importedFuncs || code < 0) return null;
  p = code;
  const count = leb();
  for (let i = 0; i < count; i++) {
    const size = leb();
    if (i === fn - importedFuncs) {
      // (local i32) i32.const ADDR  i32.load align=2 offset=0  local.tee 0  i32.eqz  if  i32.const -1  return
      if (wasm[p] !== 1 || wasm[p + 1] !== 1 || wasm[p + 2] !== 0x7f || wasm[p + 3] !== 0x41) return null;
      p += 4;
      const addr = leb();
      const rest = [0x28, 0x02, 0x00, 0x22, 0x00, 0x45, 0x04, 0x40, 0x41, 0x7f, 0x0f];
      return rest.every((b, j) => wasm[p + j] === b) ? addr : null;
    }
    p += size;
  }
  return null;
}

/** Mean wall time per call: [calling thread, pool]. */
type Group = ModeGroup;

/** Counts of the gate's decisions (for benchmarks and tests). */
export interface ThreadGateStats {
  installed: boolean;
  inline: number;
  pooled: number;
  /** Groups (kernel|log2 work) whose current choice is the pool. */
  pooledGroups: string[];
  /** Running mean wall time per call (ms) of each timed group: [calling thread, pool], and calls. */
  groups: Record<string, { ms: [number, number]; calls: number }>;
}

let gate: { stats: { installed: boolean; inline: number; pooled: number }; groups: Map<string, Group> } | null = null;

/** The gate's counters, or `installed: false`. */
export function threadGateStats(): ThreadGateStats {
  if (!gate) return { installed: false, inline: 0, pooled: 0, pooledGroups: [], groups: {} };
  const pooledGroups = [...gate.groups].filter(([, g]) => g.seen[1] > 0 && g.seen[0] > 0 && g.ms[1] < g.ms[0]).map(([k]) => k);
  const groups = Object.fromEntries([...gate.groups].map(([k, g]) => [k, { ms: [...g.ms] as [number, number], calls: g.calls }]));
  return { ...gate.stats, pooledGroups, groups };
}

/**
 * Installs the gate on a threaded wasm backend (once). Returns null when installed, else why not.
 * `wasmFile` defaults to the threaded SIMD binary of the installed tfjs-backend-wasm.
 */
export function installThreadGate(be: BackendWasm, wasmFile?: string): string | null {
  if (gate) return null;
  const mod = be.wasm as unknown as { HEAP32: Int32Array; tfjs: { getThreadsCount(): number } };
  let file = wasmFile;
  try {
    file ??= join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), 'tfjs-backend-wasm-threaded-simd.wasm');
  } catch (e) {
    return `cannot locate the tfjs-backend-wasm binary: ${String(e)}`;
  }
  let addr: number | null;
  try {
    addr = threadpoolAddress(readFileSync(file));
  } catch (e) {
    return `cannot read ${file}: ${String(e)}`;
  }
  if (addr === null || addr % 4 !== 0) return `${file}: get_threads_count has unexpected code`;
  const slot = addr >> 2;
  const pool = mod.HEAP32[slot]!;
  const threads = mod.tfjs.getThreadsCount();
  mod.HEAP32[slot] = 0;
  const without = mod.tfjs.getThreadsCount();
  mod.HEAP32[slot] = pool;
  if (pool === 0 || threads < 2 || without !== -1 || mod.tfjs.getThreadsCount() !== threads) {
    return `the thread-pool global did not behave as expected (pool ${pool}, threads ${threads}, without ${without})`;
  }
  const g = { stats: { installed: true, inline: 0, pooled: 0 }, groups: new Map<string, Group>() };
  gate = g;
  let depth = 0;
  const run = (kernel: tf.KernelFunc, p: Parameters<tf.KernelFunc>[0], pooled: boolean) => {
    depth++;
    if (!pooled) mod.HEAP32[slot] = 0;
    try {
      return kernel(p);
    } finally {
      if (!pooled) mod.HEAP32[slot] = pool;
      depth--;
    }
  };
  const wrap =
    (name: string, kernel: tf.KernelFunc, poolable = POOL_KERNELS.has(name)): tf.KernelFunc =>
    (p) => {
      if (depth > 0) return kernel(p);
      const [work, product] = poolable ? kernelWork(name, p.inputs, p.attrs ?? {}) : [0, false];
      const grp = modeGroup(g.groups, name, work, product);
      if (!grp) {
        g.stats.inline++;
        return run(kernel, p, false);
      }
      const mode = chooseMode(grp, 0);
      const t0 = performance.now();
      const out = run(kernel, p, mode === 1);
      recordMode(grp, mode, performance.now() - t0);
      if (mode === 1) g.stats.pooled++;
      else g.stats.inline++;
      return out;
    };
  const configs = (tf as unknown as { getKernelsForBackend(b: string): tf.KernelConfig[] }).getKernelsForBackend('wasm');
  for (const cfg of configs) {
    tf.unregisterKernel(cfg.kernelName, 'wasm');
    tf.registerKernel({ ...cfg, kernelFunc: wrap(cfg.kernelName, cfg.kernelFunc) });
  }
  return null;
}
