/**
 * The tfjs backend flags every program parses: `--backend` (default auto) and `--threads` (wasm
 * threads, a positive integer). The choices come from the caller (nn-blocks' `BACKEND_CHOICES`), so
 * this library does not load tfjs.
 */
import { choice, integer, positiveInteger } from './numbers.js';

/** The `parseArgs` options of the backend flags. */
export const BACKEND_OPTIONS = {
  backend: { type: 'string', default: 'auto' },
  threads: { type: 'string' },
} as const;

/** The checked backend flags. */
export interface BackendFlags<B extends string> {
  backend: B;
  threads: number | undefined;
}

/** Checks `--backend` against `choices` and `--threads` (1 .. `maxThreads`). */
export function readBackend<B extends string>(
  values: { backend?: string; threads?: string },
  choices: readonly B[],
  maxThreads?: number,
): BackendFlags<B> {
  const backend = choice('--backend', values.backend ?? 'auto', choices);
  const threads =
    maxThreads === undefined
      ? positiveInteger('--threads', values.threads)
      : integer('--threads', values.threads, { min: 1, max: maxThreads });
  return { backend, threads };
}

/** `backend X, N thread(s)` and the runtime's notes in parentheses: the line a command prints after start-up. */
export function describeRuntime(info: { backend: string; threads: number; notes: readonly string[] }): string {
  return `backend ${info.backend}, ${info.threads} thread(s)${info.notes.length ? ` (${info.notes.join('; ')})` : ''}`;
}
