export { type NoiseSchedule } from './schedule.js';
export { logLogitSchedule, type LogLogitOptions } from './log-logit.js';
export { logLinearSchedule, type LogLinearOptions } from './log-linear.js';
export { makeSchedule, type ScheduleConfig } from './make.js';
