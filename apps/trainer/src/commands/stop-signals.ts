/**
 * Clean stops of the training commands (`ae`, `dm`, `ns`) on SIGINT and SIGTERM (issue 15,
 * docs/bad-inputs.md): the first signal aborts the run, which saves `last/` at the current step
 * before its next step (nn-blocks `trainLoop`); a second one exits at once. The exit code is
 * 128 + the signal number: 130 for SIGINT, 143 for SIGTERM.
 */
import { onStopSignals, SIGNAL_EXIT_CODES, type StopSignals } from '@lola-ts/cli';

/** The handlers of a training command (libs/cli `onStopSignals`). */
export type TrainingStop = StopSignals;

/** Installs the handlers; `label` prefixes the messages (`[ae]`). */
export function stopTrainingOnSignals(label: string, write?: (line: string) => void): TrainingStop {
  return onStopSignals(
    {
      first: (sig) => `\n${label} ${sig} received: saving last/ at the current step, then stopping (send it again to quit at once)`,
      again: (sig) => `${label} ${sig} again: exiting now without saving`,
    },
    write,
  );
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
