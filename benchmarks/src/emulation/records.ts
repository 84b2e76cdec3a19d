/**
 * Records of the emulation suite (docs/architecture.md §5): `suite: 'emulation'`, `name: 'per-state'`,
 * `kind: 'speed'`, axes `method`, `resolution`, `compressionRate` (1 for pixel models and the
 * simulator), `ensembleSize` and `samplerSteps` (as run), and
 * `measures.secondsPerState {value, lower, upper, unit: 's', better: 'lower'}` — the keys the
 * dashboard's cost-vs-resolution chart reads. Extra keys say exactly what ran.
 */
import type { Measure, RecordInput } from '@lola-ts/experiment';
import type { EmulationTiming } from './suite.js';

/** The record input of one timing. */
export function emulationRecord(t: EmulationTiming): RecordInput {
  const measures: Record<string, Measure> = {
    secondsPerState: {
      value: t.secondsPerState.value,
      lower: t.secondsPerState.lower,
      upper: t.secondsPerState.upper,
      unit: 's',
      better: 'lower',
    },
  };
  if (t.decodeMs !== undefined && t.members !== undefined) {
    measures.decodeSecondsPerState = { value: t.decodeMs / (t.members * t.frames) / 1000, unit: 's', better: 'lower' };
  }
  return {
    suite: 'emulation',
    name: 'per-state',
    kind: 'speed',
    axes: {
      dataset: t.dataset,
      method: t.method,
      resolution: t.resolution,
      compressionRate: t.compressionRate,
      ...(t.members !== undefined ? { ensembleSize: t.members, requestedEnsembleSize: t.requestedMembers } : {}),
      ...(t.steps !== undefined ? { samplerSteps: t.steps, sampler: 'ab' } : {}),
      ...(t.latChannels !== undefined ? { latChannels: t.latChannels } : {}),
      frames: t.frames,
      stateShape: t.stateShape,
      ...(t.tokens !== undefined ? { tokens: t.tokens, patchSize: t.patch } : {}),
      ...(t.solverStepsPerState !== undefined ? { solverStepsPerState: t.solverStepsPerState } : {}),
      ...(t.emulatorParams !== undefined ? { emulatorParams: t.emulatorParams, decoderParams: t.decoderParams } : {}),
      ...(t.architecture ? { architecture: t.architecture } : {}),
      protocol:
        t.method === 'simulator'
          ? 'wall time of the output intervals / outputs'
          : '(rollout + decode) / (members × frames); context 1, overlap 1',
      samples: t.samples,
    },
    measures,
  };
}
