import { installHeapCheck } from './heap-check.js';
import { clearStale } from './stale.js';

/** The h5wasm namespace (`File`, `Group`, `Dataset`, ...), once its WebAssembly module is ready. */
export type H5Wasm = typeof import('h5wasm/node').default;

let loading: Promise<H5Wasm> | null = null;
let generation = 0;

/**
 * Loads h5wasm's Node build on first use and waits for its WebAssembly module. Importing
 * `@lola-ts/well-data` (for `Rng` or the normalisation helpers) therefore costs nothing; only the
 * functions that open files await this.
 *
 * HDF5's automatic error printing (the `HDF5-DIAG` traces on stderr) is replaced by h5wasm's
 * throwing handler: a failing HDF5 call throws a JS `Error` carrying the error stack as text, which
 * `guardH5` (`guard.ts`) turns into one `WellFormatError` naming the file. Global heap collections
 * are checked as they are read (`heap-check.ts`), so a damaged one errors instead of hanging.
 */
export function loadH5wasm(): Promise<H5Wasm> {
  loading ??= instantiate(generation);
  return loading;
}

async function instantiate(gen: number): Promise<H5Wasm> {
  // A wasm `abort()` (damaged metadata can trigger one) leaves the module unusable; a fresh module
  // is a fresh evaluation of h5wasm's entry, which a distinct URL gives us.
  const mod = (
    gen === 0 ? await import('h5wasm/node') : await import(/* @vite-ignore */ `${import.meta.resolve('h5wasm/node')}?instance=${gen}`)
  ) as typeof import('h5wasm/node');
  const Module = await mod.ready;
  Module.activate_throwing_error_handler();
  installHeapCheck();
  return mod.default;
}

/** Drops the current (aborted) module: the next `loadH5wasm()` instantiates a fresh one. */
export function discardH5wasm(): void {
  generation++;
  loading = null;
  clearStale();
}

/** How many times the module was discarded after an abort (tests). */
export function h5wasmGeneration(): number {
  return generation;
}
