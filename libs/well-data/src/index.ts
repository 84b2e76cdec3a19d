// Public entry of this package. Its API arrives with the issue that implements it (see README.md).
export * from './random/index.js';
