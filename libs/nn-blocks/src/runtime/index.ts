export { BACKEND_CHOICES, initRuntime, shutdownRuntime } from './init.js';
export type { BackendChoice, RuntimeInfo, RuntimeOptions } from './init.js';
export { registerWasmKernels } from './wasm/register.js';
export { CPU_FALLBACK_KERNELS } from './wasm/cpu-fallback.js';
export { closeness, onBackend } from './oracle.js';
export type { BackendResult } from './oracle.js';
