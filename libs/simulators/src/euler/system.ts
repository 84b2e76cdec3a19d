/**
 * The Euler multi-quadrant system as a {@link SimulatorSystem}: The Well's
 * `euler_multi_quadrants_{openBC,periodicBC}` (`docs/simulators.md` §2, `docs/well-format.md` §8.2).
 *
 * - Domain [0, 1]², N × N cells (default 128; The Well used 512), cell-centre coordinates.
 * - Frames every Δt = 0.015 from t = 0 (default 101 frames, t ∈ [0, 1.5], as The Well).
 * - Fields in Well order: energy, density, pressure (t0), momentum = (ρu, ρv) (t1).
 * - One file per γ, named as The Well's, e.g. `..._gamma_1.404_H2_100_Dry_air_-15.hdf5`.
 * - Initial conditions: the project's multi-quadrant sampler (§2.3).
 */
import type { RandomSource } from '@lola-ts/numerics';
import { recordFrames } from '../record-frames.js';
import { type ParameterSet, type SimulatorSystem, type SystemOptions, type Trajectory } from '../system.js';
import { wellBoundary, wellFields, wellGrid2d } from '../well-descriptor.js';
import {
  applyInitialCondition,
  sampleMultiQuadrant,
  type MultiQuadrantIC,
  type MultiQuadrantSamplerOptions,
} from './initial-conditions.js';
import { EulerSolver, type EulerBoundary } from './solver.js';

/** The Well's ten γ values with the gas label of each file name (`docs/well-format.md` §8.2). */
export const EULER_GAMMAS: readonly { gamma: number; gas: string }[] = Object.freeze([
  { gamma: 1.13, gas: 'C3H8_16' },
  { gamma: 1.22, gas: 'C2H6_15' },
  { gamma: 1.3, gas: 'CO2_20' },
  { gamma: 1.33, gas: 'H2O_20' },
  { gamma: 1.365, gas: 'Dry_air_1000' },
  { gamma: 1.4, gas: 'Dry_air_20' },
  { gamma: 1.404, gas: 'H2_100_Dry_air_-15' },
  { gamma: 1.453, gas: 'H2_-76' },
  { gamma: 1.597, gas: 'H2_-181' },
  { gamma: 1.76, gas: 'Ar_-180' },
]);

/** Output interval of The Well's Euler data. */
export const EULER_OUTPUT_INTERVAL = 0.015;

/** Options of {@link createEulerSystem} beyond the generic ones. */
export interface EulerSystemOptions {
  resolution?: number;
  frames?: number;
  bc?: EulerBoundary;
  /** γ values to generate (one file each); default all ten of The Well's. */
  gammas?: readonly number[];
  /**
   * Initial-condition sampler settings: docs/simulators.md §2.3 defaults except `velocity` = 0.8 (calibrated
   * against The Well's stats, see the README) and `laxLiuFraction` = 0.1.
   */
  sampler?: MultiQuadrantSamplerOptions;
  limiter?: 'mc' | 'minmod';
}

/** Keys accepted by `--param` for the Euler system. */
const PARAM_KEYS = ['gamma', 'laxLiuFraction', 'velocity', 'maxSplits', 'limiter'] as const;

function parseNumber(key: string, value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) throw new RangeError(`euler: --param ${key}=${value}: expected a number`);
  return v;
}

/**
 * Builds the Euler system from the generic CLI options: `bc` is `open` (default) or `periodic`;
 * `params` accepts `gamma=1.4` (or a comma list, each one of The Well's ten values),
 * `laxLiuFraction=0.1`, `velocity=0.8`, `maxSplits=3`, `limiter=mc|minmod`.
 */
export function eulerFromOptions(options: SystemOptions): SimulatorSystem<MultiQuadrantIC> {
  const params = options.params ?? {};
  const out: EulerSystemOptions = { resolution: options.resolution, frames: options.frames, sampler: {} };
  if (options.bc !== undefined) {
    if (options.bc !== 'open' && options.bc !== 'periodic')
      throw new RangeError(`euler: --bc must be 'open' or 'periodic', got '${options.bc}'`);
    out.bc = options.bc;
  }
  for (const [key, value] of Object.entries(params)) {
    if (!(PARAM_KEYS as readonly string[]).includes(key))
      throw new RangeError(`euler: unknown --param '${key}'; allowed: ${PARAM_KEYS.join(', ')}`);
    if (key === 'gamma') out.gammas = value.split(',').map((g) => parseNumber(key, g));
    else if (key === 'laxLiuFraction') out.sampler!.laxLiuFraction = parseNumber(key, value);
    else if (key === 'velocity') out.sampler!.velocity = parseNumber(key, value);
    else if (key === 'maxSplits') out.sampler!.maxSplits = parseNumber(key, value);
    else if (key === 'limiter') {
      if (value !== 'mc' && value !== 'minmod') throw new RangeError(`euler: --param limiter must be 'mc' or 'minmod', got '${value}'`);
      out.limiter = value;
    }
  }
  return createEulerSystem(out);
}

/** The Euler multi-quadrant system (see the module comment for the layout). */
export function createEulerSystem(options: EulerSystemOptions = {}): SimulatorSystem<MultiQuadrantIC> {
  const n = options.resolution ?? 128;
  const frames = options.frames ?? 101;
  const bc = options.bc ?? 'open';
  if (!Number.isInteger(n) || n < 4) throw new RangeError(`euler: resolution must be an integer >= 4, got ${n}`);
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`euler: frames must be an integer >= 1, got ${frames}`);
  const gammas = options.gammas ?? EULER_GAMMAS.map((g) => g.gamma);
  const parameterSets: ParameterSet[] = gammas.map((gamma) => {
    const entry = EULER_GAMMAS.find((g) => g.gamma === gamma);
    if (!entry)
      throw new RangeError(`euler: gamma ${gamma} is not one of The Well's values ${EULER_GAMMAS.map((g) => g.gamma).join(', ')}`);
    return { label: `gamma_${gamma}_${entry.gas}`, values: { gamma } };
  });
  const sampler: MultiQuadrantSamplerOptions = { laxLiuFraction: 0.1, velocity: 0.8, ...options.sampler };
  // Validate the sampler options once, with a throwaway draw.
  sampleMultiQuadrant({ uniform: (a = 0, b = 1) => (a + b) / 2, int: () => 0, normal: () => 0, poisson: () => 0 }, sampler);
  const centres = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
  const times = Float64Array.from({ length: frames }, (_, k) => k * EULER_OUTPUT_INTERVAL);
  const limiter = options.limiter ?? 'mc';
  const layout = wellGrid2d(centres, centres);
  const fields = wellFields(['energy', 'density', 'pressure'], ['momentum']);

  return {
    id: 'euler',
    datasetName: `euler_multi_quadrants_${bc}BC`,
    ...layout,
    boundaryConditions: ['x', 'y'].map((dim) => wellBoundary(dim, bc === 'open' ? 'OPEN' : 'PERIODIC')),
    fields,
    times,
    parameterNames: ['gamma'],
    parameterSets,
    sampleInitialCondition: (_set: ParameterSet, rng: RandomSource) => sampleMultiQuadrant(rng, sampler),
    simulate(set, ic, simOptions = {}): Trajectory {
      const gamma = set.values.gamma!;
      const solver = new EulerSolver({ nx: n, ny: n, gamma, boundary: bc, limiter });
      applyInitialCondition(solver, ic);
      const cells = n * n;
      const out = recordFrames(
        fields,
        layout.shape,
        frames,
        (k, [energy, density, pressure, momentum]) => {
          solver.advanceTo(times[k]!);
          const base = k * cells;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              const c = solver.index(i, j);
              const o = base + i * n + j;
              const r = solver.rho[c]!;
              const mx = solver.mx[c]!;
              const my = solver.my[c]!;
              const e = solver.en[c]!;
              energy[o] = e;
              density[o] = r;
              pressure[o] = (gamma - 1) * (e - (0.5 * (mx * mx + my * my)) / r);
              momentum[2 * o] = mx;
              momentum[2 * o + 1] = my;
            }
          }
        },
        simOptions,
      );
      return { fields: out, steps: solver.steps };
    },
  };
}
