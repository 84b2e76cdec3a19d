export { initLinear, linear, type LinearParams, type LinearOptions } from './linear.js';
export { gradientCheck, type GradCheckOptions, type GradCheckEntry, type GradCheckResult } from './gradcheck.js';
