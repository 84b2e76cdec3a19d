// Public entry of @lola-ts/autoencoders (see README.md): the same as the browser entry (browser.ts).
// The run-directory loader moved to @lola-ts/experiment (loadAutoencoderRun).
export * from './browser.js';
