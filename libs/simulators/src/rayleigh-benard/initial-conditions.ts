/**
 * The Well's Rayleigh–Bénard initial conditions (`docs/simulators.md` §3.2, `docs/well-format.md`
 * §8.3): b = dT·(1 − z) + z(1 − z)·ε with ε Gaussian white noise of standard deviation 1e-3 on the
 * grid, u = p = 0, dT ∈ {0.2, 0.4, 0.6, 0.8, 1.0}. For dT ≠ 1 the profile does not match the
 * bottom boundary value b = 1; the solver imposes the wall value, so a thin diffusive layer forms
 * at t = 0⁺ as in The Well's runs (kept on purpose).
 */
import type { RandomSource } from '@lola-ts/numerics';

/** The dT values of The Well's initial conditions. */
export const RB_DT_VALUES: readonly number[] = Object.freeze([0.2, 0.4, 0.6, 0.8, 1.0]);

/** Standard deviation of the initial noise. */
export const RB_NOISE_SCALE = 1e-3;

/** One initial condition: the buoyancy on the (nz + 1) × nx solver nodes (row j = z_j = j/nz). */
export interface RbInitialCondition {
  dT: number;
  b: Float64Array;
}

/**
 * Draws dT uniformly from `dTs` (default The Well's five values), then the noise node by node
 * (row by row, x inner).
 */
export function sampleRbInitialCondition(
  nx: number,
  nz: number,
  rng: RandomSource,
  dTs: readonly number[] = RB_DT_VALUES,
): RbInitialCondition {
  if (dTs.length === 0) throw new Error('rayleigh-benard: the list of dT values is empty');
  const dT = dTs[rng.int(dTs.length)];
  const b = new Float64Array((nz + 1) * nx);
  for (let j = 0; j <= nz; j++) {
    const z = j / nz;
    for (let i = 0; i < nx; i++) b[j * nx + i] = dT * (1 - z) + z * (1 - z) * rng.normal(0, RB_NOISE_SCALE);
  }
  return { dT, b };
}
