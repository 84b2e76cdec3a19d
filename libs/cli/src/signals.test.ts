import { describe, expect, it } from 'vitest';
import { onStopSignals, stopOnSignals } from './signals.js';

describe('onStopSignals', () => {
  it('aborts on the first signal with its exit code and message, and removes its handlers on dispose', () => {
    const lines: string[] = [];
    const before = process.listenerCount('SIGTERM');
    const stop = onStopSignals({ first: (s) => `first ${s}`, again: (s) => `again ${s}` }, (l) => lines.push(l));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(stop.signal.aborted).toBe(false);
    expect(stop.exitCode).toBeNull();
    process.emit('SIGTERM');
    expect(stop.signal.aborted).toBe(true);
    expect(stop.received).toBe('SIGTERM');
    expect(stop.exitCode).toBe(143);
    expect(lines).toEqual(['first SIGTERM']);
    stop.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('gives 130 for SIGINT', () => {
    const stop = onStopSignals({ first: () => '', again: () => '' }, () => {});
    process.emit('SIGINT');
    expect(stop.exitCode).toBe(130);
    stop.dispose();
  });

  it('stopOnSignals names the command and what it does next', () => {
    const lines: string[] = [];
    const err = console.error;
    console.error = (l: string) => lines.push(l);
    const stop = stopOnSignals('lola-eval score', 'stopping after the current trajectory');
    try {
      process.emit('SIGINT');
      expect(lines).toEqual(['\nlola-eval score: SIGINT received, stopping after the current trajectory (send it again to exit at once)']);
      expect(stop.exitCode).toBe(130);
    } finally {
      stop.dispose();
      console.error = err;
    }
  });
});
