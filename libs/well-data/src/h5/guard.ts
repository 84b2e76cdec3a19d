import { WellFormatError } from '../errors.js';
import { takeHeapDamage } from './heap-check.js';
import { discardH5wasm } from './load.js';
import { markStale } from './stale.js';

/**
 * Runs `fn` (synchronous h5wasm calls on `file`) so that a damaged file gives ONE clear
 * `WellFormatError` naming the file instead of HDF5 traces or a dead process:
 * - HDF5 errors arrive as JS errors carrying HDF5's error stack (`loadH5wasm` installs the throwing
 *   handler); h5wasm's own "error - name not defined!" follows a failed open. Both become
 *   `<file>: <object>: expected <what>, got damaged HDF5 metadata (<HDF5's innermost message>)`.
 * - A wasm `abort()` (`RuntimeError: Aborted(...)`) makes the module unusable: it is discarded, so
 *   the next open instantiates a fresh one, and the error says so.
 * - A global heap collection that would make HDF5 loop forever is refused as it is read
 *   (`heap-check.ts`); the error names it.
 * - The file is marked as possibly still open in this module (`stale.ts`), so that reopening it
 *   starts from a fresh module instead of HDF5's stale cache.
 * - What the module prints on stderr meanwhile (emscripten's `Aborted(...)`, UTF-8 warnings for
 *   damaged names) is swallowed; the error carries the information.
 * `WellFormatError`s and `RangeError`s from our own checks pass through unchanged.
 */
export function guardH5<T>(file: string, objectPath: string, what: string, fn: () => T): T {
  const restore = muteStderr();
  takeHeapDamage();
  try {
    return fn();
  } catch (err) {
    throw asWellError(err, file, objectPath, what);
  } finally {
    restore();
  }
}

/** The conversion `guardH5` applies (for async callers that catch themselves). */
export function asWellError(err: unknown, file: string, objectPath: string, what: string): unknown {
  if (err instanceof WellFormatError || err instanceof RangeError) return err;
  markStale(file);
  const heap = takeHeapDamage();
  if (heap && err instanceof Error) return new WellFormatError(file, objectPath, what, `damaged HDF5 metadata (${heap})`);
  if (err instanceof WebAssembly.RuntimeError || (err instanceof Error && /^Aborted\(/.test(err.message))) {
    discardH5wasm();
    return new WellFormatError(
      file,
      objectPath,
      what,
      'damaged HDF5 metadata (the HDF5 library aborted; files opened before must be reopened)',
    );
  }
  if (err instanceof Error && err.name === 'Error')
    return new WellFormatError(file, objectPath, what, `damaged HDF5 metadata (${hdf5Reason(err.message)})`);
  return err;
}

/** The innermost (most specific) message of an HDF5 error stack, or the message itself. */
export function hdf5Reason(message: string): string {
  const minors = [...message.matchAll(/minor:\s*(.+)/g)].map((m) => m[1]!.trim());
  const details = [...message.matchAll(/#\d+:[^\n]*?:\s*([^:\n]+?)\s*$/gm)].map((m) => m[1]!.trim());
  const last = details.at(-1);
  const minor = minors.at(-1);
  if (last || minor) return [last, minor].filter(Boolean).join(': ').slice(0, 200);
  const line = message.split('\n').find((l) => l.trim()) ?? message;
  return line.trim().slice(0, 200);
}

let depth = 0;
let saved: typeof process.stderr.write | null = null;

/** Swallows stderr writes (synchronous sections only; nests). */
function muteStderr(): () => void {
  if (depth++ === 0) {
    saved = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
  }
  return () => {
    if (--depth === 0 && saved) {
      process.stderr.write = saved;
      saved = null;
    }
  };
}
