// The browser-safe part of the config module (no node:fs): schemas, suggestions and overrides.
export { s, type Schema, type Infer, type Issue, type NumberOptions } from './schema.js';
export { suggest, editDistance } from './suggest.js';
export { parseOverrides, applyOverrides, type Override } from './overrides.js';
