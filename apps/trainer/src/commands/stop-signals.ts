/**
 * Clean stops of the training commands (`ae`, `dm`, `ns`) on SIGINT and SIGTERM (issue 15,
 * docs/bad-inputs.md): the first signal aborts the run, which saves `last/` at the current step
 * before its next step (nn-blocks `trainLoop`); a second one exits at once. The exit code is
 * 128 + the signal number: 130 for SIGINT, 143 for SIGTERM.
 */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignalName = keyof typeof SIGNAL_EXIT_CODES;

export interface TrainingStop {
  signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: StopSignalName | null;
  /** 130 / 143 once a signal arrived, else null. */
  readonly exitCode: number | null;
  dispose(): void;
}

/** Installs the handlers; `label` prefixes the messages (`[ae]`). */
export function stopTrainingOnSignals(label: string, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): TrainingStop {
  const ctrl = new AbortController();
  let received: StopSignalName | null = null;
  const handler = (sig: StopSignalName) => {
    if (received !== null) {
      write(`${label} ${sig} again: exiting now without saving`);
      process.exit(SIGNAL_EXIT_CODES[sig]);
    }
    received = sig;
    write(`\n${label} ${sig} received: saving last/ at the current step, then stopping (send it again to quit at once)`);
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

/** The closing line of a training command and its exit code. */
export function trainingOutcome(
  label: string,
  stop: TrainingStop,
  r: { stopped: boolean; state: { step: number; bestValidation: number | null; bestStep: number | null } },
  run: { root: string; last: string },
  totalSteps: number,
): { line: string; code: number } {
  const s = r.state;
  if (r.stopped) {
    const by = stop.received ?? 'SIGINT';
    return {
      line: `${label} stopped by ${by} at step ${s.step} of ${totalSteps}: checkpoint saved in ${run.last}; run the same command again to resume`,
      code: SIGNAL_EXIT_CODES[by],
    };
  }
  const best = s.bestValidation === null ? 'none' : `${s.bestValidation.toPrecision(4)} at step ${s.bestStep}`;
  return { line: `${label} done at step ${s.step}: best validation loss ${best}; ${run.root}`, code: 0 };
}
