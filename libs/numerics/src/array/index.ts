export { sizeOf } from './size-of.js';
