export { initAdamW, adamwUpdate, disposeAdamW, adamwToNamed, adamwFromNamed, type AdamWConfig, type AdamWState } from './adamw.js';
export { globalNorm, clipCoefficient, clipByGlobalNorm } from './clip.js';
export { cosineFactor, learningRate, type ScheduleConfig } from './schedule.js';
export { optimizerStep, type StepConfig, type StepResult } from './step.js';
