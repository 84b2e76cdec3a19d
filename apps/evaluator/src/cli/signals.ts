/**
 * Clean stops on SIGINT/SIGTERM: the first signal asks the command to stop at its next safe
 * point (between trajectories; finished files stay, nothing half-written is left); a second one
 * exits at once. The exit code is 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
 */
import { onStopSignals, type StopSignals } from '@lola-ts/nn-blocks';

export type StopSignal = StopSignals;

export function stopOnSignals(command: string, note = 'stopping at the next safe point'): StopSignal {
  return onStopSignals(
    {
      first: (sig) => `\nlola-eval ${command}: ${sig} received, ${note} (send it again to exit at once)`,
      again: (sig) => `lola-eval ${command}: ${sig} again, exiting now`,
    },
    (line) => console.error(line),
  );
}
