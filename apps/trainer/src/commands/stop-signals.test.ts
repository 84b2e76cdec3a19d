import { describe, expect, it } from 'vitest';
import { stopTrainingOnSignals, trainingOutcome } from './stop-signals.js';

const run = { root: 'runs/x', last: 'runs/x/last' };
const state = { step: 7, bestValidation: 0.5, bestStep: 6 };

describe('training stop signals', () => {
  it('the first SIGTERM aborts the run and maps to exit 143 with where the checkpoint is', () => {
    const lines: string[] = [];
    const stop = stopTrainingOnSignals('[ae]', (l) => lines.push(l));
    try {
      expect(stop.signal.aborted).toBe(false);
      process.emit('SIGTERM', 'SIGTERM');
      expect(stop.signal.aborted).toBe(true);
      expect(stop.exitCode).toBe(143);
      expect(lines.join('')).toMatch(/\[ae\] SIGTERM received: saving last\/ at the current step/);
      expect(trainingOutcome('[ae]', stop, { stopped: true, state }, run, 12)).toEqual({
        line: '[ae] stopped by SIGTERM at step 7 of 12: checkpoint saved in runs/x/last; run the same command again to resume',
        code: 143,
      });
    } finally {
      stop.dispose();
    }
  });

  it('SIGINT maps to 130; a finished run is done with 0; dispose removes the handlers', () => {
    const before = process.listenerCount('SIGINT');
    const stop = stopTrainingOnSignals('[dm]', () => {});
    try {
      expect(trainingOutcome('[dm]', stop, { stopped: false, state }, run, 7)).toEqual({
        line: '[dm] done at step 7: best validation loss 0.5000 at step 6; runs/x',
        code: 0,
      });
      process.emit('SIGINT', 'SIGINT');
      expect(stop.exitCode).toBe(130);
      expect(trainingOutcome('[dm]', stop, { stopped: true, state }, run, 12).code).toBe(130);
    } finally {
      stop.dispose();
    }
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
