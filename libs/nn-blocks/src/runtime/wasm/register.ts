/**
 * Registers the runtime's wasm kernels (docs/runtime.md §3). A replaced stock kernel keeps its
 * setup/dispose functions (they bind the C++ entry points the replacement delegates to).
 */
import * as tf from '@tensorflow/tfjs';
import { batchMatMulConfigs } from './batch-matmul.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
import { sameFixConfigs } from './conv2d.js';
import { CPU_FALLBACK_KERNELS, cpuFallbackConfig } from './cpu-fallback.js';
import { elementwiseConfigs } from './elementwise.js';
import { reduceConfigs } from './reduce.js';
import { sliceConfigs } from './slice.js';
import { transposeConfigs } from './transpose.js';
import { rememberStock, type BackendWasm } from './util.js';

let registered: string[] | null = null;

/** The runtime's wasm kernel configs, in registration order. */
export function wasmKernelConfigs(): tf.KernelConfig[] {
  return [
    ...sameFixConfigs(),
    conv2dBackpropFilterConfig,
    conv2dBackpropInputConfig,
    ...batchMatMulConfigs,
    ...elementwiseConfigs,
    ...transposeConfigs,
    ...reduceConfigs,
    ...sliceConfigs,
    ...CPU_FALLBACK_KERNELS.filter((n) => !tf.getKernel(n, 'wasm')).map(cpuFallbackConfig),
  ];
}

/**
 * Registers (once) the wasm kernels: Conv2D/FusedConv2D (SAME as explicit pads), Conv2DBackpropFilter,
 * Conv2DBackpropInput, BatchMatMul/_FusedMatMul (XNNPACK paths), Tanh, Pow, Transpose (rank
 * reduction, JS copy above rank 4), Identity (no copy), Sum/Mean (JS loop over a contiguous axis block), Slice/SplitV
 * (strided heap copy), and the cpu fallbacks. Returns the kernel names. Must run after `@tensorflow/tfjs-backend-wasm` is imported.
 */
export function registerWasmKernels(): string[] {
  if (registered) return registered;
  const names: string[] = [];
  const engine = tf.engine() as unknown as { registry: Record<string, tf.KernelBackend | undefined> };
  const live = engine.registry['wasm'] as BackendWasm | undefined;
  for (const cfg of wasmKernelConfigs()) {
    const stock = rememberStock(cfg.kernelName);
    const merged: tf.KernelConfig = { ...cfg };
    if (stock) {
      if (stock.setupFunc) merged.setupFunc = stock.setupFunc;
      if (stock.disposeFunc) merged.disposeFunc = stock.disposeFunc;
      tf.unregisterKernel(cfg.kernelName, 'wasm');
    }
    tf.registerKernel(merged);
    if (live && merged.setupFunc) merged.setupFunc(live);
    names.push(cfg.kernelName);
  }
  registered = names;
  return names;
}
