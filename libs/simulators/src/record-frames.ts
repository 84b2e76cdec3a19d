/**
 * The frame loop shared by every {@link SimulatorSystem.simulate} (`docs/simulators.md` §0): float32
 * output arrays in Well layout, one frame after the other, each checked for a blown-up solution.
 */
import { frameSize, SimulationDivergedError, type FieldSpec, type SimulateOptions, type SimulatorSystem } from './system.js';

/**
 * Allocates one float32 array of `frames` frames per field (frame sizes from `fields` on `shape`),
 * then for f = 0 .. frames − 1 calls `frame(f, out)`, which advances the solver to output time f and
 * writes frame f at offset f × frame size of each array, and reports `options.onFrame(f, frames)`.
 */
export function recordFrames(
  fields: readonly FieldSpec[],
  shape: readonly number[],
  frames: number,
  frame: (f: number, out: readonly Float32Array[]) => void,
  options: SimulateOptions = {},
): Float32Array[] {
  const out = fields.map((field) => new Float32Array(frames * frameSize(field, shape)));
  for (let f = 0; f < frames; f++) {
    frame(f, out);
    options.onFrame?.(f, frames);
  }
  return out;
}

/**
 * Throws a {@link SimulationDivergedError} naming the system, time and parameter set when a value of
 * `arrays` is NaN or ±∞ (the solution blew up; the generator then redraws the initial condition).
 */
export function assertFiniteState(arrays: readonly ArrayLike<number>[], system: SimulatorSystem['id'], t: number, label: string): void {
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i]))
        throw new SimulationDivergedError(`${system}: the solution blew up (non-finite value) at t = ${t} for ${label}`);
    }
  }
}
