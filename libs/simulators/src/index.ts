// Public entry of @lola-ts/simulators (see README.md).
export * from './system.js';
