// Public entry of @lola-ts/autoencoders (see README.md): the browser entry (browser.ts) plus the
// run-directory loader (node:fs).
export * from './browser.js';
export { loadAutoencoderRun, type AutoencoderRun } from './run.js';
