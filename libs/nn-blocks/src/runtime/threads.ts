/**
 * Multi-threaded tfjs-backend-wasm under Node (docs/runtime.md §2).
 *
 * tfjs 4.22 forces `WASM_HAS_MULTITHREAD_SUPPORT` off in Node (tfjs issue #3830): the emscripten
 * glue starts its pthread workers from `blob:` URLs, which `worker_threads` cannot load, and hands
 * each worker the main script as a `Blob`. This module makes those two hand-overs work:
 *
 * 1. While the backend initialises, the global `Blob` records the text of string-only blobs and
 *    `URL.createObjectURL` remembers which `blob:` URL holds which text.
 * 2. The global `Worker` (which the glue reads, and also overwrites with `worker_threads.Worker`)
 *    is pinned to a subclass that writes a captured `blob:` source to a temporary `.cjs` file and
 *    starts that file instead; its `load` message gets the main script as a temporary file path
 *    (with the bundle's `require$$N` module aliases it closes over) instead of a Blob.
 * 3. XNNPACK sizes its pool from the core count halved, so `os.cpus()` reports twice the
 *    requested thread count while the backend initialises.
 *
 * Everything depends on the exact glue text of tfjs-backend-wasm 4.22.0: {@link checkGlue}
 * verifies each piece first, and the caller falls back to one thread with the reason.
 * Worker handles are unreferenced, so a program ends when its own work ends;
 * {@link releaseWasmThreads} terminates them and removes the temporary files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker as NodeWorker, type TransferListItem, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** Pieces of the tfjs-backend-wasm 4.22.0 Node bundle that the thread set-up relies on. */
const GLUE_MARKERS: readonly string[] = [
  "ENV.registerFlag('WASM_HAS_MULTITHREAD_SUPPORT'",
  'factoryConfig.mainScriptUrlOrBlob = new Blob(["var WasmBackendModuleThreadedSimd = " +',
  'commonjsGlobal.Worker = nodeWorkerThreads.Worker;',
  'worker = new Worker(pthreadMainJs);',
  '"urlOrBlob": Module["mainScriptUrlOrBlob"] || _scriptDir',
  'return require$$4.cpus().length;',
  'importScripts(e.data.urlOrBlob)',
  "var blob = new Blob([response], { type: 'application/javascript' });",
  'return URL.createObjectURL(blob);',
];

/** What {@link checkGlue} found: the module aliases to re-create in the worker, or why not. */
export interface GlueCheck {
  ok: boolean;
  reason?: string;
  /** `require$$N` alias -> module name, as declared at the top of the bundle. */
  aliases: Record<string, string>;
}

/**
 * Checks every piece the set-up needs in the tfjs-backend-wasm Node bundle: the installed one, or
 * `text` (as if read from `file`) for tests.
 */
export function checkGlue(text?: string, file = '@tensorflow/tfjs-backend-wasm'): GlueCheck {
  if (text === undefined) {
    try {
      file = require.resolve('@tensorflow/tfjs-backend-wasm');
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { ok: false, reason: `cannot read the tfjs-backend-wasm bundle: ${String(e)}`, aliases: {} };
    }
  }
  for (const marker of GLUE_MARKERS) {
    if (!text.includes(marker)) {
      return { ok: false, reason: `the tfjs-backend-wasm glue changed (${file} lacks ${JSON.stringify(marker)})`, aliases: {} };
    }
  }
  const aliases: Record<string, string> = {};
  for (const m of text.matchAll(/^var (require\$\$\d+) = require\('([a-z_]+)'\);$/gm)) aliases[m[1]!] = m[2]!;
  if (aliases['require$$4'] !== 'os') {
    return { ok: false, reason: `the tfjs-backend-wasm glue changed (${file}: require$$4 is not 'os')`, aliases };
  }
  return { ok: true, aliases };
}

interface ThreadState {
  dir: string;
  blobTexts: WeakMap<object, string>;
  urlTexts: Map<string, string>;
  files: Map<string, string>;
  workers: Set<NodeWorker>;
  aliases: Record<string, string>;
  counter: number;
}

let state: ThreadState | null = null;

function fileFor(s: ThreadState, text: string, preamble: string): string {
  const key = preamble + text;
  let file = s.files.get(key);
  if (!file) {
    file = join(s.dir, `glue-${s.counter++}.cjs`);
    writeFileSync(file, key);
    s.files.set(key, file);
  }
  return file;
}

function mainScriptPreamble(aliases: Record<string, string>): string {
  const lines = Object.entries(aliases).map(([alias, mod]) => `var ${alias} = require(${JSON.stringify(mod)});`);
  return lines.join('\n') + '\nvar commonjsGlobal = globalThis;\n';
}

/** worker_threads.Worker that starts captured `blob:` sources from temporary files. */
class BlobSourceWorker extends NodeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    const s = state;
    const href = String(url);
    const text = s?.urlTexts.get(href);
    // The glue needs plain Node: the parent's flags (--import tsx, --input-type, ...) are not inherited.
    super(s && text !== undefined ? fileFor(s, text, '') : url, { execArgv: [], ...options });
    s?.workers.add(this);
  }
  override postMessage(value: unknown, transferList?: readonly TransferListItem[]): void {
    const s = state;
    if (s && value && typeof value === 'object' && (value as { cmd?: unknown }).cmd === 'load') {
      const msg = value as { urlOrBlob?: unknown };
      const text = msg.urlOrBlob && typeof msg.urlOrBlob === 'object' ? s.blobTexts.get(msg.urlOrBlob) : undefined;
      if (text !== undefined) value = { ...msg, urlOrBlob: fileFor(s, text, mainScriptPreamble(s.aliases)) };
    }
    super.postMessage(value, transferList);
  }
  /** Running pthreads would keep the event loop alive; the program's own work decides instead. */
  override ref(): void {}
}

/** Undo function of one temporary global patch. */
type Restore = () => void;

/**
 * Installs the patches for a threaded initialisation with `threads` threads and returns the
 * function that removes the init-only ones (Blob, createObjectURL, os.cpus). The Worker pin
 * stays until {@link releaseWasmThreads}: emscripten may start more workers later.
 */
export function installWasmThreadPatches(threads: number, aliases: Record<string, string>): Restore {
  if (!state) {
    state = {
      dir: mkdtempSync(join(tmpdir(), 'lola-wasm-threads-')),
      blobTexts: new WeakMap(),
      urlTexts: new Map(),
      files: new Map(),
      workers: new Set(),
      aliases,
      counter: 0,
    };
    process.once('exit', () => releaseWasmThreads());
  }
  const s = state;
  const g = globalThis as unknown as Record<string, unknown>;
  const OrigBlob = globalThis.Blob;
  class CapturingBlob extends OrigBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts && parts.every((p) => typeof p === 'string')) s.blobTexts.set(this, parts.join(''));
    }
  }
  g['Blob'] = CapturingBlob;
  const origCreate = URL.createObjectURL;
  URL.createObjectURL = (obj: Blob) => {
    const url = origCreate.call(URL, obj);
    const text = s.blobTexts.get(obj);
    if (text !== undefined) s.urlTexts.set(url, text);
    return url;
  };
  Object.defineProperty(globalThis, 'Worker', {
    configurable: true,
    get: () => BlobSourceWorker,
    set: () => {},
  });
  const os = require('os') as { cpus: () => unknown[] };
  const origCpus = os.cpus;
  // XNNPACK's default pool is cores / 2: report 2 * threads cores while initialising.
  os.cpus = () => {
    const real = origCpus.call(os);
    return Array.from({ length: 2 * threads }, (_, i) => real[i % Math.max(real.length, 1)]);
  };
  return () => {
    g['Blob'] = OrigBlob;
    URL.createObjectURL = origCreate;
    os.cpus = origCpus;
  };
}

/** Number of worker threads started so far (the emscripten pool, busy or idle). */
export function wasmWorkerCount(): number {
  return state?.workers.size ?? 0;
}

/** Terminates the pthread workers, removes the temporary files and the Worker pin. */
export function releaseWasmThreads(): void {
  const s = state;
  if (!s) return;
  state = null;
  for (const w of s.workers) void w.terminate();
  delete (globalThis as unknown as Record<string, unknown>)['Worker'];
  rmSync(s.dir, { recursive: true, force: true });
}
