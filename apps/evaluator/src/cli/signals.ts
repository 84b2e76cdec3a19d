/**
 * Clean stops on SIGINT/SIGTERM: the first signal asks the command to stop at its next safe
 * point (between trajectories; finished files stay, nothing half-written is left); a second one
 * exits at once. The exit code is 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
 */
const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export interface StopSignal {
  signal: AbortSignal;
  /** 130 / 143 once a signal arrived, else null. */
  readonly exitCode: number | null;
  dispose(): void;
}

export function stopOnSignals(command: string, note = 'stopping at the next safe point'): StopSignal {
  const ctrl = new AbortController();
  let code: number | null = null;
  const handler = (sig: keyof typeof CODES) => {
    if (code !== null) {
      console.error(`lola-eval ${command}: ${sig} again, exiting now`);
      process.exit(CODES[sig]);
    }
    code = CODES[sig];
    console.error(`\nlola-eval ${command}: ${sig} received, ${note} (send it again to exit at once)`);
    ctrl.abort(new Error(`interrupted by ${sig}`));
  };
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ctrl.signal,
    get exitCode() {
      return code;
    },
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
