/**
 * Simulation-parameter labels (docs/method.md §5): label = concat(constant scalars, flattened BC
 * codes), BC codes WALL = 0, OPEN = 1, PERIODIC = 2, one per (axis, side). With LoLa's
 * `log_scalars` augmentation (Rayleigh–Bénard and TGC, not Euler) a scalar is log-transformed
 * when `name.toLowerCase()` is one of `LOG_SCALAR_NAMES` = ("rayleigh", "prandtl", "rho0", "T0").
 * Because "t0" ≠ "T0", TGC's T0 is never logged — the reference's bug, kept on purpose so labels
 * match models trained with it. No other normalisation.
 */
import { LOG_SCALAR_NAMES } from '@lola-ts/well-data';

export interface LabelOptions {
  /** Apply LoLa's `log_scalars` (true for RB and TGC, false for Euler). */
  logScalars: boolean;
}

/**
 * Builds a label from named constant scalars (in the file's order) and BC codes per axis
 * [[lower, upper], …]. Throws naming the scalar when a logged value is not positive.
 */
export function buildLabel(
  scalars: ReadonlyArray<readonly [string, number]>,
  boundaryCodes: ReadonlyArray<readonly number[]>,
  opts: LabelOptions,
): Float32Array {
  const out: number[] = [];
  for (const [name, value] of scalars) {
    if (opts.logScalars && (LOG_SCALAR_NAMES as readonly string[]).includes(name.toLowerCase())) {
      if (!(value > 0)) throw new RangeError(`label: scalar "${name}" must be > 0 to be log-transformed, got ${value}`);
      out.push(Math.log(value));
    } else {
      out.push(value);
    }
  }
  for (const [axis, sides] of boundaryCodes.entries()) {
    if (sides.length !== 2 || sides.some((c) => c !== 0 && c !== 1 && c !== 2)) {
      throw new RangeError(`label: boundary codes of axis ${axis} must be [lower, upper] in {0, 1, 2}, got [${sides.join(', ')}]`);
    }
    out.push(...sides);
  }
  return Float32Array.from(out);
}

/** Whether LoLa applies `log_scalars` to a dataset (Well name): RB and TGC yes, Euler no. */
export function datasetLogsScalars(dataset: string): boolean {
  return /rayleigh_benard|turbulence_gravity_cooling|gravity_cooling/.test(dataset);
}
