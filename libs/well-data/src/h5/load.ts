/** The h5wasm namespace (`File`, `Group`, `Dataset`, ...), once its WebAssembly module is ready. */
export type H5Wasm = typeof import('h5wasm/node').default;

let loading: Promise<H5Wasm> | null = null;

/**
 * Loads h5wasm's Node build on first use and waits for its WebAssembly module. Importing
 * `@lola-ts/well-data` (for `Rng` or the normalisation helpers) therefore costs nothing; only the
 * functions that open files await this.
 */
export function loadH5wasm(): Promise<H5Wasm> {
  loading ??= import('h5wasm/node').then(async (mod) => {
    await mod.ready;
    return mod.default;
  });
  return loading;
}
