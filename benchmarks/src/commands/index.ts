/** A command module: `run` receives the arguments after the command name and returns the exit code. */
export interface Command {
  run(argv: string[]): Promise<number>;
}

/**
 * Registry of commands, loaded lazily so that a command's heavy dependencies (tfjs, h5wasm)
 * load only when it runs. Add one line per command.
 */
export const commands: Record<string, () => Promise<Command>> = {
  ae: () => import('../ae/command.js'),
  kernels: () => import('../kernels/command.js'),
  compare: () => import('./compare.js'),
  dashboard: () => import('./dashboard.js'),
  export: () => import('./export.js'),
  metrics: () => import('../metrics/command.js'),
  simulators: () => import('../simulators/command.js'),
  emulation: () => import('../emulation/command.js'),
  accuracy: () => import('../accuracy/command.js'),
  data: () => import('../data/command.js'),
  'fuzz-h5': () => import('../fuzz/command.js'),
};
