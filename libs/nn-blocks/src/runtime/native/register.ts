/**
 * Registers the native kernels (kernels.ts) over the wasm backend's current kernels: each wrapper
 * runs the addon and, for shapes it does not handle or while native kernels are switched off
 * ({@link setNativeKernelsEnabled}), the kernel it replaced; and the fused kernels of fused.ts
 * (new names, used by the layers only while {@link fusedKernelActive}).
 */
import * as tf from '@tensorflow/tfjs';
import type { Attrs, BackendWasm, TensorInfo } from '../wasm/util.js';
import type { NativeAddon } from './addon-types.js';
import { FUSED_KERNELS } from './fused.js';
import { NATIVE_KERNELS } from './kernels.js';
import { ThreadChooser } from './thread-chooser.js';

let registered: string[] | null = null;
let chooser: ThreadChooser;
let enabled = true;
let skipped = new Set<string>();
let calls = 0;

/** How many kernel calls the addon computed (the rest fell back to the wasm kernels). */
export function nativeCalls(): number {
  return calls;
}

/**
 * Switches the registered native kernels on or off (off: the wasm kernels they replaced run);
 * `except` names kernels that stay on wasm while the others are on (for A/B measurements).
 */
export function setNativeKernelsEnabled(on: boolean, except: string[] = []): void {
  enabled = on;
  skipped = new Set(except);
}

/** Whether native kernels are registered and switched on. */
export function nativeKernelsActive(): boolean {
  return registered !== null && enabled;
}

/**
 * Whether the fused kernel `name` (fused.ts) can run now: registered, native kernels on and not
 * excepted, and `wasm` the active backend. The layers run their op-by-op form otherwise.
 */
export function fusedKernelActive(name: string): boolean {
  return registered !== null && enabled && !skipped.has(name) && tf.getBackend() === 'wasm';
}

/**
 * Registers (once) the native kernels of kernels.ts over the `wasm` ones and the fused kernels for
 * `wasm`, with `threads` OpenBLAS / OpenMP threads. Must run after the wasm backend and its
 * runtime kernels are set up. Returns the kernel names.
 */
export function registerNativeKernels(addon: NativeAddon, threads: number): string[] {
  addon.setThreads(threads);
  chooser = new ThreadChooser(addon, threads);
  enabled = true;
  if (registered) return registered;
  const names: string[] = [];
  for (const [name, native] of Object.entries(NATIVE_KERNELS)) {
    const previous = tf.getKernel(name, 'wasm');
    if (!previous) throw new Error(`registerNativeKernels: the wasm kernel '${name}' is not registered`);
    const fallback = previous.kernelFunc;
    const kernelFunc: tf.KernelFunc = (p) => {
      if (enabled && !skipped.has(name)) {
        const out = chooser.run(name, p, () =>
          native(addon, p.backend as BackendWasm, p.inputs as Record<string, TensorInfo | undefined>, (p.attrs ?? {}) as Attrs),
        );
        if (out) {
          calls++;
          return out;
        }
      }
      return fallback(p);
    };
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...previous, kernelFunc });
    names.push(name);
  }
  for (const [name, fused] of Object.entries(FUSED_KERNELS)) {
    const kernelFunc: tf.KernelFunc = (p) => {
      calls++;
      return chooser.run(name, p, () =>
        fused(addon, p.backend as BackendWasm, p.inputs as Record<string, TensorInfo | undefined>, (p.attrs ?? {}) as Attrs),
      );
    };
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
    names.push(name);
  }
  registered = names;
  return names;
}
