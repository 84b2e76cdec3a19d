/**
 * Run-time detection of optional peer packages (tfjs-node, tfjs-node-gpu, webgpu,
 * tfjs-backend-webgpu): none is a dependency, so `npm ci` works offline without them.
 */

/** Result of trying to import an optional package. */
export type OptionalImport<T = unknown> = { ok: true; module: T } | { ok: false; missing: boolean; reason: string };

function isNotFound(e: unknown, name: string): boolean {
  const err = e as { code?: string; message?: string };
  const message = typeof err?.message === 'string' ? err.message : '';
  if (!message.includes(name)) return false;
  // Node's codes, and the messages of Node and of bundlers/test runners (vite: "Could not resolve").
  return (
    err.code === 'ERR_MODULE_NOT_FOUND' ||
    err.code === 'MODULE_NOT_FOUND' ||
    /Cannot find (module|package)|Could not resolve|Failed to resolve/.test(message)
  );
}

/**
 * Imports `name` if it is installed. `missing` tells "not installed" from "installed but failed
 * to load" (e.g. tfjs-node without its libtensorflow).
 */
export async function importOptional<T = unknown>(name: string): Promise<OptionalImport<T>> {
  try {
    const specifier: string = name;
    const module = (await import(specifier)) as T;
    return { ok: true, module };
  } catch (e) {
    const missing = isNotFound(e, name);
    const reason = missing ? `${name} is not installed` : `${name} failed to load: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, missing, reason };
  }
}
