/**
 * Backend selection in a web page (the browser entry's counterpart of `initRuntime`): tries
 * `webgpu`, then `wasm` (with the runtime's wasm kernels, as in Node), then the pure-JS `cpu`,
 * and says why each skipped choice was skipped. No Node module is imported here.
 *
 * WebGPU needs `@tensorflow/tfjs-backend-webgpu` imported by the page (it registers itself only
 * when `navigator.gpu` exists); wasm needs the `.wasm` binaries of `@tensorflow/tfjs-backend-wasm`
 * served under `wasmPaths`. Threads: tfjs uses a thread pool only on a cross-origin-isolated page.
 */
import * as tf from '@tensorflow/tfjs';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { cpuBackend } from './wasm/cpu-fallback.js';
import { registerWasmKernels } from './wasm/register.js';

/** The backends a page can use, in the default order of preference. */
export const BROWSER_BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

export interface BrowserRuntimeOptions {
  /** Backends to try, in order (default webgpu → wasm → cpu). */
  order?: readonly BrowserBackend[];
  /**
   * Where the tfjs-backend-wasm `.wasm` files are: a URL prefix ending in `/`, or a map from file
   * name (`tfjs-backend-wasm-simd.wasm`, ...) to URL (`data:` URLs work, e.g. for a `file://` page).
   */
  wasmPaths?: string | Record<string, string>;
}

/** What {@link initBrowserRuntime} selected. */
export interface BrowserRuntimeInfo {
  /** The active tfjs backend. */
  backend: BrowserBackend;
  /** wasm: SIMD binary in use. */
  simd: boolean;
  /** wasm: threads of the XNNPACK pool (1 elsewhere). */
  threads: number;
  /** Kernels the runtime registered (wasm). */
  kernels: string[];
  /** One line per skipped backend: why. */
  notes: string[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function tryWebGpu(): Promise<string | null> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter: () => Promise<unknown> } } }).navigator?.gpu;
  if (!gpu) return 'webgpu: this browser exposes no navigator.gpu';
  if (!tf.findBackendFactory('webgpu')) return "webgpu: '@tensorflow/tfjs-backend-webgpu' is not imported by the page";
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'webgpu: navigator.gpu gives no adapter (no GPU, or WebGPU disabled)';
  if (!(await tf.setBackend('webgpu').catch(() => false)) || tf.getBackend() !== 'webgpu')
    return 'webgpu: the tfjs backend did not initialise';
  return null;
}

async function tryWasm(wasmPaths: BrowserRuntimeOptions['wasmPaths']): Promise<string | null> {
  if (typeof WebAssembly !== 'object') return 'wasm: WebAssembly is unavailable';
  try {
    if (wasmPaths) wasmBackend.setWasmPaths(wasmPaths);
    registerWasmKernels();
    if (!(await tf.setBackend('wasm')) || tf.getBackend() !== 'wasm') return 'wasm: the tfjs backend did not initialise';
  } catch (e) {
    return `wasm: ${message(e)}`;
  }
  return null;
}

/**
 * Selects the first backend of `order` that initialises (see the module comment). Throws, with
 * every reason, when none does.
 */
export async function initBrowserRuntime(options: BrowserRuntimeOptions = {}): Promise<BrowserRuntimeInfo> {
  const order = options.order ?? BROWSER_BACKENDS;
  const notes: string[] = [];
  for (const name of order) {
    if (!(BROWSER_BACKENDS as readonly string[]).includes(name))
      throw new Error(`initBrowserRuntime: backend '${String(name)}' is not one of ${BROWSER_BACKENDS.join(', ')}`);
    let why: string | null;
    if (name === 'webgpu') why = await tryWebGpu();
    else if (name === 'wasm') why = await tryWasm(options.wasmPaths);
    else {
      cpuBackend();
      why = (await tf.setBackend('cpu')) ? null : 'cpu: the tfjs backend did not initialise';
    }
    if (why) {
      notes.push(why);
      continue;
    }
    const wasm = name === 'wasm';
    return {
      backend: name,
      simd: wasm ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : false,
      threads: wasm ? wasmBackend.getThreadsCount() : 1,
      kernels: wasm ? registerWasmKernels() : [],
      notes,
    };
  }
  throw new Error(`initBrowserRuntime: no backend of ${order.join(', ')} initialised (${notes.join('; ')})`);
}
