/**
 * The commands of `lola-bench`, loaded lazily so that a command's heavy dependencies (tfjs, h5wasm)
 * load only when it runs (libs/cli). Add one line per command.
 */
import type { CommandTable, Program } from '@lola-ts/cli';

/** Suites of the libraries: speed, and the HDF5 reader's fuzz run. */
const speed: CommandTable = {
  kernels: { summary: "time the runtime's kernels and two training steps", load: () => import('../kernels/command.js') },
  metrics: { summary: 'time the metrics', load: () => import('../metrics/command.js') },
  simulators: { summary: 'time the reference simulators', load: () => import('../simulators/command.js') },
  data: { summary: 'read throughput and memory of Well files', load: () => import('../data/command.js') },
  'fuzz-h5': { summary: 'the long fuzz run of the HDF5 reader', load: () => import('../fuzz/command.js') },
};

/** The models: speed and accuracy of the AE, time per emulated state, VRMSE against the paper. */
const models: CommandTable = {
  ae: { summary: 'speed (and reconstruction accuracy) of the autoencoder stage', load: () => import('../ae/command.js') },
  emulation: { summary: 'time per emulated state of the simulator and the emulators', load: () => import('../emulation/command.js') },
  accuracy: { summary: "VRMSE of evaluator records beside the paper's table", load: () => import('../accuracy/command.js') },
};

/** Record files: regressions, exports, the dashboard. */
const records: CommandTable = {
  compare: { summary: 'flag measures that got worse between two record files', load: () => import('./compare.js') },
  dashboard: { summary: 'a static page of record files', load: () => import('./dashboard.js') },
  export: { summary: 'records as github-action-benchmark or Bencher JSON', load: () => import('./export.js') },
};

/** `lola-bench`. */
export const program: Program = { name: 'lola-bench', commands: { ...speed, ...models, ...records } };
