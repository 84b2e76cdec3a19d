// Browser entry of this package (the `browser` export condition): everything a web page can run,
// without the file-system, worker-thread and child-process parts of the Node entry (index.ts).
export * from './params/index.js';
export * from './layers/index.js';
export * from './optim/index.js';
export * from './vit/index.js';
export * from './checkpoint/browser.js';
export * from './config/browser.js';
export { streamRng, passPermutation, BatchOrder } from './training/seeds.js';
export {
  initBrowserRuntime,
  BROWSER_BACKENDS,
  type BrowserBackend,
  type BrowserRuntimeInfo,
  type BrowserRuntimeOptions,
} from './runtime/browser.js';
export { registerWasmKernels } from './runtime/wasm/register.js';
export { CPU_FALLBACK_KERNELS } from './runtime/wasm/cpu-fallback.js';
export { closeness, onBackend } from './runtime/oracle.js';
export type { BackendResult } from './runtime/oracle.js';
