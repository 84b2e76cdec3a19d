import { logLinearSchedule } from './log-linear.js';
import { logLogitSchedule } from './log-logit.js';
import type { NoiseSchedule } from './schedule.js';

/** A schedule as written in a config (LoLa's `denoiser.schedule`). */
export interface ScheduleConfig {
  name: 'log_logit' | 'log_linear';
  sigmaMin?: number;
  sigmaMax?: number;
  scale?: number;
  shift?: number;
}

/** Builds the schedule named in a config; throws naming the field for an unknown name. */
export function makeSchedule(config: ScheduleConfig): NoiseSchedule {
  switch (config.name) {
    case 'log_logit':
      return logLogitSchedule(config);
    case 'log_linear':
      if (config.scale !== undefined || config.shift !== undefined) {
        throw new Error('schedule: "scale"/"shift" apply to log_logit only, not log_linear');
      }
      return logLinearSchedule(config);
    default:
      throw new Error(`schedule.name: expected "log_logit" or "log_linear", got ${JSON.stringify((config as { name: unknown }).name)}`);
  }
}
