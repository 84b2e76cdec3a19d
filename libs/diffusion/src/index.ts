export * from './schedules/index.js';
export * from './precondition.js';
export * from './denoiser.js';
export * from './loss.js';
export * from './sampling/index.js';
export * from './model.js';
export * from './guidance/index.js';
