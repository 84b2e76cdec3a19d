/**
 * WebGPU in Node through the optional `webgpu` package (Dawn) and the optional
 * `@tensorflow/tfjs-backend-webgpu` (docs/runtime.md §4). Node 20 has no `navigator`: Dawn's
 * globals and a `navigator.gpu` are installed before the tfjs backend is imported, because the
 * backend only registers itself when `navigator.gpu` exists.
 */
import { importOptional } from './optional.js';

interface DawnModule {
  create: (options: string[]) => { requestAdapter: () => Promise<unknown> };
  globals: Record<string, unknown>;
}

const NEEDS = "backend 'webgpu' needs the optional packages 'webgpu' (Dawn for Node) and '@tensorflow/tfjs-backend-webgpu' (4.22.0)";

/** Installs Dawn's WebGPU globals and registers the tfjs webgpu backend; throws when no adapter exists. */
export async function prepareWebGpu(): Promise<void> {
  const dawn = await importOptional<DawnModule & { default?: DawnModule }>('webgpu');
  if (!dawn.ok) throw new Error(`${NEEDS}: ${dawn.reason}`);
  const mod = typeof dawn.module.create === 'function' ? dawn.module : dawn.module.default;
  if (!mod || typeof mod.create !== 'function') throw new Error(`${NEEDS}: the 'webgpu' package has no create() export`);
  Object.assign(globalThis, mod.globals);
  const gpu = mod.create([]);
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    throw new Error(
      "backend 'webgpu': Dawn found no WebGPU adapter (a GPU with Vulkan drivers, or on a CPU-only Linux box Mesa >= 25 lavapipe; Debian bookworm's Mesa 22.3 provides none). Use --backend wasm.",
    );
  }
  const g = globalThis as unknown as { navigator?: Record<string, unknown> };
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const backend = await importOptional('@tensorflow/tfjs-backend-webgpu');
  if (!backend.ok) throw new Error(`${NEEDS}: ${backend.reason}`);
}
