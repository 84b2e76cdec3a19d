// Public entry of @lola-ts/emulation (see README.md): the same as the browser entry (browser.ts).
// The run-directory loader moved to @lola-ts/experiment (loadEmulatorRun).
export * from './browser.js';
