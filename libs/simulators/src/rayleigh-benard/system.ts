/**
 * Rayleigh–Bénard as a {@link SimulatorSystem}: The Well's `rayleigh_benard` (spec
 * `docs/simulators.md` §3, `docs/well-format.md` §8.3).
 *
 * - Domain [0, 4) × [0, 1] (aspect 4:1), nx × ny output points with ny = nx/4 (default 256 × 64;
 *   The Well used 512 × 128). x_i = 4i/nx; y = z at The Well's Chebyshev–Gauss nodes (or uniform
 *   cell centres with `grid=uniform`), interpolated from the solver's nz + 1 nodes (nz = ny).
 * - Frames every 0.25 free-fall times (default 200 frames, t = 0 … 49.75, as The Well).
 * - Fields in Well order: buoyancy, pressure (t0), velocity (t1); constant scalars Rayleigh and
 *   Prandtl; boundary groups x_periodic (PERIODIC) and y_wall_dirichlet (WALL).
 * - One file per (Ra, Pr), e.g. `rayleigh_benard_Rayleigh_1e6_Prandtl_1.hdf5`.
 * - Resolution (measured, README): with uniform finite differences in z, nz = 64 resolves
 *   Ra ≲ 1e6; Ra = 1e7 needs nz ≥ 128 (marginal); larger Ra are accepted but under-resolved.
 */
import type { RandomSource } from '@lola-ts/numerics';
import { assertFiniteState, recordFrames } from '../record-frames.js';
import { type ParameterSet, type SimulatorSystem, type SystemOptions, type Trajectory } from '../system.js';
import { wellBoundary, wellFields, wellGrid2d } from '../well-descriptor.js';
import { physicalFields } from './diagnostics.js';
import { RB_DT_VALUES, sampleRbInitialCondition, type RbInitialCondition } from './initial-conditions.js';
import { interpolateToWell, rbOutputHeights, zInterpolator, type RbOutputGrid } from './output.js';
import { rbPressure } from './pressure.js';
import { RayleighBenardSolver } from './solver.js';

/** The Well's dataset name. */
export const RB_DATASET = 'rayleigh_benard';
/** The Well's Rayleigh and Prandtl numbers. */
export const RB_WELL_RAYLEIGH: readonly number[] = Object.freeze([1e6, 1e7, 1e8, 1e9, 1e10]);
export const RB_WELL_PRANDTL: readonly number[] = Object.freeze([0.1, 0.2, 0.5, 1, 2, 5, 10]);

/** Options of {@link createRayleighBenardSystem}. */
export interface RayleighBenardSystemOptions {
  /** Output points along x (power of two ≥ 16); ny = nx/4. Default 256. */
  resolution?: number;
  /** Stored frames including t = 0; default 200. */
  frames?: number;
  /** Rayleigh numbers (default [1e6]) and Prandtl numbers (default [1]); one file per pair. */
  rayleigh?: readonly number[];
  prandtl?: readonly number[];
  /** dT values of the initial conditions; default The Well's five. */
  dT?: readonly number[];
  /** Output z grid; default 'chebyshev' (The Well's `rayleigh_benard`). */
  grid?: RbOutputGrid;
  /** Solver intervals in z (even); default ny. */
  nz?: number;
  /** Time between frames; default 0.25. */
  interval?: number;
  /** Solver CFL number and largest step (see RayleighBenardOptions). */
  cfl?: number;
  maxDt?: number;
}

const PARAM_KEYS = ['Rayleigh', 'Prandtl', 'dT', 'grid', 'nz', 'interval', 'cfl', 'maxDt'] as const;

function parseList(key: string, value: string): number[] {
  return value.split(',').map((s) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(v) || v <= 0)
      throw new RangeError(`rayleigh-benard: --param ${key}=${value}: expected positive numbers (comma-separated)`);
    return v;
  });
}

function single(key: string, value: string): number {
  const list = parseList(key, value);
  if (list.length !== 1) throw new RangeError(`rayleigh-benard: --param ${key} takes one number, got '${value}'`);
  return list[0];
}

/** Compact number label: 1e6 → "1e6", 2500 → "2500", 0.5 → "0.5". */
export function rbNumberLabel(v: number): string {
  if (v >= 1e4 && Number.isInteger(Math.log10(v))) return `1e${Math.round(Math.log10(v))}`;
  if (v >= 1e4) return v.toExponential().replace('+', '');
  return String(v);
}

/**
 * Builds the system from the generic CLI options. `params`: `Rayleigh=1e6[,1e7]`,
 * `Prandtl=1[,…]`, `dT=0.2,…`, `grid=chebyshev|uniform`, `nz=64`, `interval=0.25`, `cfl=1`,
 * `maxDt=0.05`. `bc` is not accepted (x periodic, z walls).
 */
export function rayleighBenardFromOptions(options: SystemOptions): SimulatorSystem<RbInitialCondition> {
  if (options.bc !== undefined)
    throw new RangeError(`rayleigh-benard: --bc is not supported (x is periodic, z has no-slip walls), got '${options.bc}'`);
  const out: RayleighBenardSystemOptions = { resolution: options.resolution, frames: options.frames };
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (!(PARAM_KEYS as readonly string[]).includes(key))
      throw new RangeError(`rayleigh-benard: unknown --param '${key}'; allowed: ${PARAM_KEYS.join(', ')}`);
    if (key === 'Rayleigh') out.rayleigh = parseList(key, value);
    else if (key === 'Prandtl') out.prandtl = parseList(key, value);
    else if (key === 'dT') out.dT = parseList(key, value);
    else if (key === 'grid') {
      if (value !== 'chebyshev' && value !== 'uniform')
        throw new RangeError(`rayleigh-benard: --param grid must be 'chebyshev' or 'uniform', got '${value}'`);
      out.grid = value;
    } else if (key === 'nz') out.nz = single(key, value);
    else if (key === 'interval') out.interval = single(key, value);
    else if (key === 'cfl') out.cfl = single(key, value);
    else if (key === 'maxDt') out.maxDt = single(key, value);
  }
  return createRayleighBenardSystem(out);
}

/** The Rayleigh–Bénard system (layout in the module comment). */
export function createRayleighBenardSystem(options: RayleighBenardSystemOptions = {}): SimulatorSystem<RbInitialCondition> {
  const nx = options.resolution ?? 256;
  if (!Number.isInteger(nx) || nx < 16 || (nx & (nx - 1)) !== 0)
    throw new RangeError(`rayleigh-benard: resolution must be a power of two >= 16, got ${nx}`);
  const ny = nx / 4;
  const nz = options.nz ?? ny;
  if (!Number.isInteger(nz) || nz < 4 || nz % 2 !== 0) throw new RangeError(`rayleigh-benard: nz must be an even integer >= 4, got ${nz}`);
  const frames = options.frames ?? 200;
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`rayleigh-benard: frames must be an integer >= 1, got ${frames}`);
  const interval = options.interval ?? 0.25;
  const grid = options.grid ?? 'chebyshev';
  const dTs = options.dT ?? RB_DT_VALUES;
  const lx = 4;
  const parameterSets: ParameterSet[] = [];
  for (const Ra of options.rayleigh ?? [1e6]) {
    for (const Pr of options.prandtl ?? [1]) {
      parameterSets.push({ label: `Rayleigh_${rbNumberLabel(Ra)}_Prandtl_${rbNumberLabel(Pr)}`, values: { Rayleigh: Ra, Prandtl: Pr } });
    }
  }
  const y = rbOutputHeights(grid, ny);
  const interp = zInterpolator(nz, y);
  const x = Float64Array.from({ length: nx }, (_, i) => (lx * i) / nx);
  const times = Float64Array.from({ length: frames }, (_, k) => k * interval);
  const layout = wellGrid2d(x, y);
  const fields = wellFields(['buoyancy', 'pressure'], ['velocity']);

  return {
    id: 'rayleigh-benard',
    datasetName: RB_DATASET,
    ...layout,
    boundaryConditions: [wellBoundary('x', 'PERIODIC'), wellBoundary('y', 'WALL', 'wall_dirichlet')],
    fields,
    times,
    parameterNames: ['Rayleigh', 'Prandtl'],
    parameterSets,
    sampleInitialCondition: (_set: ParameterSet, rng: RandomSource) => sampleRbInitialCondition(nx, nz, rng, dTs),
    simulate(set, ic, simOptions = {}): Trajectory {
      const solver = new RayleighBenardSolver({
        nx,
        nz,
        Ra: set.values.Rayleigh!,
        Pr: set.values.Prandtl!,
        lx,
        cfl: options.cfl,
        maxDt: options.maxDt,
      });
      solver.setState(ic.b);
      const cells = nx * ny;
      const out = recordFrames(
        fields,
        layout.shape,
        frames,
        (f, [buoyancy, pressure, velocity]) => {
          solver.advanceTo(times[f]);
          const phys = physicalFields(solver);
          const p = rbPressure(solver);
          assertFiniteState([phys.b, phys.u, phys.w, p], 'rayleigh-benard', solver.t, set.label);
          interpolateToWell(phys.b, nx, interp, buoyancy, f * cells);
          interpolateToWell(p, nx, interp, pressure, f * cells);
          interpolateToWell(phys.u, nx, interp, velocity, 2 * f * cells, 2, 0);
          interpolateToWell(phys.w, nx, interp, velocity, 2 * f * cells, 2, 1);
        },
        simOptions,
      );
      return { fields: out, steps: solver.steps };
    },
  };
}
