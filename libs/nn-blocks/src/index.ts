// Public entry of this package (see README.md).
export * from './params/index.js';
export * from './layers/index.js';
export * from './optim/index.js';
export * from './checkpoint/index.js';
export * from './config/index.js';
export * from './training/index.js';
export * from './runtime/index.js';
export * from './vit/index.js';
