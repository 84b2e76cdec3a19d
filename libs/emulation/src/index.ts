// Public entry of @lola-ts/emulation: the browser entry (browser.ts) plus the run-directory loader (node:fs).
export * from './browser.js';
export { loadEmulatorRun, type EmulatorRun } from './run.js';
