/**
 * Loads the optional native CPU kernels (`native/build/lola_native.node`, built at install time by
 * `native/build.mjs` over OpenBLAS). Absent addon, a load failure or `LOLA_NATIVE=0` → `null` with
 * the reason; the runtime then keeps the plain wasm kernels.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { NativeAddon } from './addon-types.js';

export type { NativeAddon } from './addon-types.js';

export type NativeLoad = { ok: true; addon: NativeAddon; file: string } | { ok: false; reason: string };

/** Path of the built addon (same relative place from src/runtime/native and dist/runtime/native). */
export const ADDON_FILE = fileURLToPath(new URL('../../../native/build/lola_native.node', import.meta.url));

let cached: NativeLoad | null = null;

/**
 * Loads the addon once. Before loading, OpenBLAS's and OpenMP's idle worker threads are told to
 * sleep soon instead of spinning (`OPENBLAS_THREAD_TIMEOUT`, `OMP_WAIT_POLICY`, unless set): on a
 * machine with as many cores as threads, spinning workers steal the cores the wasm thread pool needs.
 */
export function loadNative(): NativeLoad {
  if (cached) return cached;
  if (process.env['LOLA_NATIVE'] === '0') return (cached = { ok: false, reason: 'native kernels disabled (LOLA_NATIVE=0)' });
  if (!existsSync(ADDON_FILE)) {
    return (cached = {
      ok: false,
      reason: `native kernels not built (${ADDON_FILE} missing: it needs g++ and OpenBLAS at install time, e.g. apt-get install g++ libopenblas-dev, then npm rebuild @lola-ts/nn-blocks)`,
    });
  }
  process.env['OPENBLAS_THREAD_TIMEOUT'] ??= '4';
  process.env['OMP_WAIT_POLICY'] ??= 'PASSIVE';
  try {
    const addon = createRequire(import.meta.url)(ADDON_FILE) as NativeAddon;
    return (cached = { ok: true, addon, file: ADDON_FILE });
  } catch (e) {
    return (cached = {
      ok: false,
      reason: `native kernels failed to load from ${ADDON_FILE}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    });
  }
}
