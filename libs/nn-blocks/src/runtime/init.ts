/**
 * Backend selection for programs (docs/architecture.md §2, docs/runtime.md): `auto` takes tfjs-node-gpu,
 * then tfjs-node when installed (optional peers, detected at run time), else wasm with the
 * runtime's kernels and, in Node, worker threads, plus the native OpenBLAS kernels when the
 * optional addon was built (`native`).
 */
import * as tf from '@tensorflow/tfjs';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { availableParallelism } from 'node:os';
import { loadNative } from './native/addon.js';
import { registerNativeKernels, setNativeKernelsEnabled } from './native/register.js';
import { importOptional } from './optional.js';
import { checkGlue, installWasmThreadPatches, releaseWasmThreads } from './threads.js';
import { prepareWebGpu } from './webgpu.js';
import { cpuBackend } from './wasm/cpu-fallback.js';
import { registerWasmKernels } from './wasm/register.js';
import { installThreadGate } from './wasm/thread-gate.js';
import type { BackendWasm } from './wasm/util.js';

/** Backend choices of `--backend`. */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'native', 'wasm', 'webgpu', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface RuntimeOptions {
  /** Which backend; default `auto`. */
  backend?: BackendChoice;
  /** wasm worker threads (XNNPACK pool size); default: the number of logical cores. */
  threads?: number;
}

/** What {@link initRuntime} selected. */
export interface RuntimeInfo {
  requested: BackendChoice;
  /** The active tfjs backend name: 'tensorflow', 'wasm', 'webgpu' or 'cpu'. */
  backend: string;
  /** Threads of the wasm XNNPACK pool (1 elsewhere, or the tfjs-node default). */
  threads: number;
  /** wasm SIMD in use. */
  simd: boolean;
  /** Kernels the runtime registered for this backend. */
  kernels: string[];
  /**
   * The native kernels over the wasm backend (`native`, or `auto` with the addon built): the BLAS
   * build, its CPU kernel set and threads, e.g. 'OpenBLAS 0.3.21 … SkylakeX, 2 threads'; else null.
   */
  native: string | null;
  /** Why choices were skipped or reduced (e.g. tfjs-node missing, one-thread fallback). */
  notes: string[];
}

let current: (RuntimeInfo & { key: string }) | null = null;

function isWasmInitialised(): boolean {
  const engine = tf.engine() as unknown as { registry: Record<string, unknown> };
  return engine.registry['wasm'] != null;
}

async function useBackend(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`initRuntime: the tfjs backend '${name}' failed to initialise`);
}

async function tryTensorflow(notes: string[]): Promise<boolean> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    const r = await importOptional(pkg);
    if (!r.ok) {
      notes.push(r.reason);
      continue;
    }
    if (tf.findBackendFactory('tensorflow') && (await tf.setBackend('tensorflow'))) return true;
    notes.push(`${pkg} loaded but the 'tensorflow' backend did not initialise`);
  }
  return false;
}

/** Sanity check of a threaded backend: a 37×29 · 29×23 product against a JS loop. */
function matmulMatches(): boolean {
  const m = 37;
  const k = 29;
  const n = 23;
  const a = Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 13) - 6);
  const b = Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 11) - 5);
  const got = tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])));
  const values = got.dataSync();
  got.dispose();
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t]! * b[t * n + j]!;
      if (values[i * n + j] !== s) return false;
    }
  }
  return true;
}

async function initWasm(threads: number, notes: string[]): Promise<number> {
  registerWasmKernels();
  if (isWasmInitialised()) {
    await useBackend('wasm');
    const actual = wasmBackend.getThreadsCount();
    if (actual !== threads) notes.push(`the wasm backend was already initialised with ${actual} thread(s); the count is fixed per process`);
    return actual;
  }
  if (threads > 1) {
    const glue = checkGlue();
    if (!glue.ok) {
      notes.push(`wasm threads unavailable, using 1 thread: ${glue.reason}`);
    } else {
      const restore = installWasmThreadPatches(threads, glue.aliases);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
      wasmBackend.setThreadsCount(threads);
      let ok = false;
      let why = 'the threaded wasm backend did not initialise';
      try {
        ok = await tf.setBackend('wasm');
        if (ok && !matmulMatches()) {
          ok = false;
          why = 'the threaded wasm backend computed a wrong matmul';
        }
      } catch (e) {
        why = `the threaded wasm backend failed: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        restore();
      }
      if (ok) {
        if (process.env['LOLA_WASM_THREAD_GATE'] !== '0') {
          const why = installThreadGate(tf.backend() as unknown as BackendWasm);
          if (why) notes.push(`every wasm kernel uses the thread pool (no per-kernel choice: ${why})`);
        }
        return wasmBackend.getThreadsCount();
      }
      if (isWasmInitialised()) {
        // A backend that initialised but computes wrongly cannot be replaced in this process.
        throw new Error(`initRuntime: ${why}; run with threads: 1 (--threads 1)`);
      }
      releaseWasmThreads();
      notes.push(`wasm threads unavailable, using 1 thread: ${why}`);
    }
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasmBackend.setThreadsCount(1);
  await useBackend('wasm');
  return 1;
}

/**
 * Selects and initialises the tfjs backend (docs/architecture.md §2; docs/runtime.md §1–§3).
 * - `auto`: tfjs-node-gpu, then tfjs-node if importable, else `native`, else `wasm` (with a note why).
 * - `tensorflow`: tfjs-node-gpu or tfjs-node; a clear error when neither loads.
 * - `wasm`: SIMD binary, the runtime's kernels, `threads` XNNPACK threads (worker threads in
 *   Node; one thread, with a note, when the tfjs glue is not the expected one); native kernels off.
 * - `native`: `wasm` plus the addon's OpenBLAS products and convolutions (`threads` BLAS threads)
 *   on the wasm heap; an error when the addon is not built or `LOLA_NATIVE=0`.
 * - `webgpu`: Dawn (`webgpu` package) + `@tensorflow/tfjs-backend-webgpu`; an error without an adapter.
 * - `cpu`: the pure-JS backend (an oracle for tests; very slow).
 * Calling it again with the same options returns the same description.
 */
export async function initRuntime(options: RuntimeOptions = {}): Promise<RuntimeInfo> {
  const requested = options.backend ?? 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(requested)) {
    throw new Error(`initRuntime: backend '${String(requested)}' is not one of ${BACKEND_CHOICES.join(', ')}`);
  }
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`initRuntime: threads must be an integer from 1 to 64, got ${String(options.threads)}`);
  }
  const key = `${requested}/${threads}`;
  if (current && current.key === key && tf.getBackend() === current.backend) {
    const { key: _k, ...info } = current;
    return { ...info, kernels: [...info.kernels], notes: [...info.notes] };
  }
  const notes: string[] = [];
  let kernels: string[] = [];
  let native: string | null = null;
  let used = 1;
  let simd = false;
  switch (requested) {
    case 'cpu':
      cpuBackend();
      await useBackend('cpu');
      break;
    case 'webgpu':
      await prepareWebGpu();
      await useBackend('webgpu');
      break;
    case 'tensorflow':
      if (!(await tryTensorflow(notes))) {
        throw new Error(
          `initRuntime: backend 'tensorflow' is unavailable (${notes.join('; ')}). Install @tensorflow/tfjs-node or ` +
            `@tensorflow/tfjs-node-gpu 4.22.0 (their install downloads libtensorflow), or use --backend wasm`,
        );
      }
      break;
    case 'auto':
    case 'native':
    case 'wasm': {
      if (requested === 'auto' && (await tryTensorflow(notes))) break;
      used = await initWasm(threads, notes);
      kernels = registerWasmKernels();
      simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      if (requested === 'wasm') {
        setNativeKernelsEnabled(false);
        break;
      }
      const load = loadNative();
      if (!load.ok) {
        if (requested === 'native') throw new Error(`initRuntime: backend 'native' is unavailable: ${load.reason}. Use --backend wasm`);
        notes.push(`${load.reason}; using the wasm kernels`);
        break;
      }
      const names = registerNativeKernels(load.addon, threads);
      kernels = [...kernels, ...names.map((n) => `native:${n}`)];
      const blas = load.addon.info();
      native = `${blas.config.split(' ').slice(0, 2).join(' ')} ${blas.core}, ${blas.conv.split(' (')[0]} convolutions, ${threads} thread(s)`;
      break;
    }
  }
  const info: RuntimeInfo = { requested, backend: tf.getBackend(), threads: used, simd, kernels: [...kernels], native, notes };
  current = { ...info, key };
  return { ...info, kernels: [...kernels], notes: [...notes] };
}

/**
 * Ends the runtime at program exit: terminates the wasm worker threads and removes their
 * temporary files. The wasm backend must not be used afterwards. Worker handles are already
 * unreferenced, so a program that returns from its work exits without this; call it before an
 * explicit `process.exit` or when embedding.
 */
export function shutdownRuntime(): void {
  releaseWasmThreads();
  current = null;
}
