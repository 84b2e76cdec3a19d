/**
 * Clean stops on SIGINT and SIGTERM for long-running programs (docs/bad-inputs.md): the first
 * signal aborts `signal` (the program stops at its next safe point: a checkpoint in training,
 * the end of a trajectory in a rollout); a second one exits at once. Exit codes are 128 + the
 * signal number: 130 for SIGINT, 143 for SIGTERM. A library loop only needs the `AbortSignal`
 * (nn-blocks' `trainLoop` takes one); the handlers belong to the program.
 */
/** Exit code per stop signal: 128 + the signal number. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
/** SIGINT or SIGTERM. */
export type StopSignalName = keyof typeof SIGNAL_EXIT_CODES;

/** The installed handlers: the abort signal a command passes down, what arrived, and `dispose`. */
export interface StopSignals {
  signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: StopSignalName | null;
  /** 130 / 143 once a signal arrived, else null. */
  readonly exitCode: number | null;
  /** Removes the handlers. */
  dispose(): void;
}

/** The lines printed on the first and the second signal. */
export interface StopMessages {
  /** Printed on the first signal (what the program will do now). */
  first: (sig: StopSignalName) => string;
  /** Printed on the second signal, just before exiting. */
  again: (sig: StopSignalName) => string;
}

/** Installs the SIGINT/SIGTERM handlers; `write` prints one line (default: stderr). */
export function onStopSignals(messages: StopMessages, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): StopSignals {
  const ctrl = new AbortController();
  let received: StopSignalName | null = null;
  const handler = (sig: StopSignalName) => {
    if (received !== null) {
      write(messages.again(sig));
      process.exit(SIGNAL_EXIT_CODES[sig]);
    }
    received = sig;
    write(messages.first(sig));
    ctrl.abort(new Error(`interrupted by ${sig}`));
  };
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ctrl.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return received === null ? null : SIGNAL_EXIT_CODES[received];
    },
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

/**
 * The handlers of a command (`lola-eval score`) that stops at its next safe point: prints
 * `<command>: SIGTERM received, <note> (send it again to exit at once)`, then on a second signal
 * `<command>: SIGTERM again, exiting now`, on stderr.
 */
export function stopOnSignals(command: string, note = 'stopping at the next safe point'): StopSignals {
  return onStopSignals(
    {
      first: (sig) => `\n${command}: ${sig} received, ${note} (send it again to exit at once)`,
      again: (sig) => `${command}: ${sig} again, exiting now`,
    },
    (line) => console.error(line),
  );
}
