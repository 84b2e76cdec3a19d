// Public entry of @lola-ts/simulators (see README.md).
export * from './system.js';
export * from './gray-scott/index.js';
