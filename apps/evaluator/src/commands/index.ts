/** A command module: `run` receives the arguments after the command name and returns the exit code. */
export interface Command {
  run(argv: string[]): Promise<number>;
}

/**
 * Registry of commands, loaded lazily so that a command's heavy dependencies (tfjs, h5wasm)
 * load only when it runs. Add one line per command.
 */
export const commands: Record<string, () => Promise<Command>> = {
  report: () => import('./report.js'),
  rollout: () => import('./rollout.js'),
  score: () => import('./score.js'),
};
