/** A command module: `run` receives the arguments after the command name and returns the exit code. */
export interface Command {
  run(argv: string[]): Promise<number>;
}

/**
 * Registry of commands, loaded lazily so that a command's heavy dependencies (tfjs, h5wasm)
 * load only when it runs. Add one line per command.
 */
export const commands: Record<string, () => Promise<Command>> = {
  ae: () => import('./ae.js'),
  cache: () => import('./cache.js'),
  data: () => import('./data.js'),
  dm: () => import('./dm.js'),
  pipeline: () => import('./pipeline.js'),
  'pipeline-element': () => import('./pipeline-element.js'),
  ns: () => import('./ns.js'),
  status: () => import('./status.js'),
};
