/**
 * Gray–Scott as a {@link SimulatorSystem}: The Well's `gray_scott_reaction_diffusion`
 * (`docs/simulators.md` §4, `docs/well-format.md` §8.4).
 *
 * - Domain [−1, 1)², n × n points x_i = −1 + 2i/n (default n = 128, The Well's size), periodic.
 * - ETDRK4 with dt = 1, a frame every 10 time units (default 201 frames, t ∈ [0, 2000]; The Well
 *   stored 1001 frames to t = 10 000, but many runs are stationary after t ≈ 150, docs/simulators.md §4.1).
 * - Fields A, B (t0); constant scalars F, k; one file per pattern, e.g.
 *   `gray_scott_reaction_diffusion_spots_F_0.03_k_0.062.hdf5`.
 * - Initial conditions: "gaussians" or "fourier" (each with probability ½ unless `ic` is fixed).
 */
import type { RandomSource } from '@lola-ts/numerics';
import { assertFiniteState, recordFrames } from '../record-frames.js';
import { type ParameterSet, type SimulatorSystem, type SystemOptions, type Trajectory } from '../system.js';
import { wellBoundary, wellFields, wellGrid2d } from '../well-descriptor.js';
import { sampleGrayScottIc, type GrayScottFields, type GrayScottIcType } from './initial-conditions.js';
import { GRAY_SCOTT_PATTERN_NAMES, GRAY_SCOTT_PATTERNS, grayScottPattern, type GrayScottPattern } from './params.js';
import { GrayScottSolver } from './solver.js';

/** The Well's dataset name. */
export const GRAY_SCOTT_DATASET = 'gray_scott_reaction_diffusion';

/** Options of {@link createGrayScottSystem}. */
export interface GrayScottSystemOptions {
  /** Points per side (power of two ≥ 8); default 128. */
  resolution?: number;
  /** Stored frames per trajectory including t = 0; default 201. */
  frames?: number;
  /** Patterns to generate (one file each); default all six. */
  patterns?: readonly GrayScottPattern[];
  /** Initial-condition family; default 'mixed' (each family with probability ½). */
  ic?: GrayScottIcType | 'mixed';
  /** Time step; default 1. */
  dt?: number;
  /** Time between stored frames (a multiple of dt); default 10. */
  interval?: number;
  /** Dealiasing rule (see GrayScottSolverOptions); default 'two-thirds'. */
  dealias?: 'two-thirds' | 'chebfun' | 'none';
}

/** An initial condition with the family it was drawn from. */
export interface GrayScottInitialCondition extends GrayScottFields {
  type: GrayScottIcType;
}

const PARAM_KEYS = ['pattern', 'ic', 'dt', 'interval', 'dealias'] as const;

function parsePositive(key: string, value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0)
    throw new RangeError(`gray-scott: --param ${key}=${value}: expected a positive number`);
  return v;
}

/**
 * Builds the system from the generic CLI options. `params`: `pattern=spots` (or a comma list of
 * gliders, bubbles, maze, worms, spirals, spots), `ic=gaussians|fourier|mixed`, `dt=1`,
 * `interval=10`, `dealias=two-thirds|chebfun|none`. `bc` is not accepted (the system is periodic only).
 */
export function grayScottFromOptions(options: SystemOptions): SimulatorSystem<GrayScottInitialCondition> {
  if (options.bc !== undefined && options.bc !== 'periodic')
    throw new RangeError(`gray-scott: --bc must be 'periodic' (the only boundary condition), got '${options.bc}'`);
  const out: GrayScottSystemOptions = { resolution: options.resolution, frames: options.frames };
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (!(PARAM_KEYS as readonly string[]).includes(key))
      throw new RangeError(`gray-scott: unknown --param '${key}'; allowed: ${PARAM_KEYS.join(', ')}`);
    if (key === 'pattern') out.patterns = value.split(',').map((p) => grayScottPattern(p.trim()));
    else if (key === 'ic') {
      if (value !== 'gaussians' && value !== 'fourier' && value !== 'mixed')
        throw new RangeError(`gray-scott: --param ic must be gaussians, fourier or mixed, got '${value}'`);
      out.ic = value;
    } else if (key === 'dealias') {
      if (value !== 'two-thirds' && value !== 'chebfun' && value !== 'none')
        throw new RangeError(`gray-scott: --param dealias must be two-thirds, chebfun or none, got '${value}'`);
      out.dealias = value;
    } else if (key === 'dt') out.dt = parsePositive(key, value);
    else if (key === 'interval') out.interval = parsePositive(key, value);
  }
  return createGrayScottSystem(out);
}

/** The Gray–Scott system (layout in the module comment). */
export function createGrayScottSystem(options: GrayScottSystemOptions = {}): SimulatorSystem<GrayScottInitialCondition> {
  const n = options.resolution ?? 128;
  const frames = options.frames ?? 201;
  const dt = options.dt ?? 1;
  const interval = options.interval ?? 10;
  const icMode = options.ic ?? 'mixed';
  if (!Number.isInteger(n) || n < 8 || (n & (n - 1)) !== 0)
    throw new RangeError(`gray-scott: resolution must be a power of two >= 8, got ${n}`);
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`gray-scott: frames must be an integer >= 1, got ${frames}`);
  const stepsPerFrame = Math.round(interval / dt);
  if (!(dt > 0) || stepsPerFrame < 1 || Math.abs(stepsPerFrame * dt - interval) > 1e-9 * interval) {
    throw new RangeError(`gray-scott: interval (${interval}) must be a positive multiple of dt (${dt})`);
  }
  const patterns = options.patterns ?? GRAY_SCOTT_PATTERN_NAMES;
  const parameterSets: ParameterSet[] = patterns.map((p) => {
    const { F, k } = GRAY_SCOTT_PATTERNS[grayScottPattern(p)];
    return { label: `${p}_F_${F}_k_${k}`, values: { F, k } };
  });
  const x = Float64Array.from({ length: n }, (_, i) => -1 + (2 * i) / n);
  const times = Float64Array.from({ length: frames }, (_, k) => k * stepsPerFrame * dt);
  const layout = wellGrid2d(x, x);
  const fields = wellFields(['A', 'B']);

  return {
    id: 'gray-scott',
    datasetName: GRAY_SCOTT_DATASET,
    ...layout,
    boundaryConditions: [wellBoundary('x', 'PERIODIC'), wellBoundary('y', 'PERIODIC')],
    fields,
    times,
    parameterNames: ['F', 'k'],
    parameterSets,
    sampleInitialCondition(set: ParameterSet, rng: RandomSource): GrayScottInitialCondition {
      const type: GrayScottIcType = icMode === 'mixed' ? (rng.uniform() < 0.5 ? 'gaussians' : 'fourier') : icMode;
      return { type, ...sampleGrayScottIc(type, n, set.values.F!, set.values.k!, rng) };
    },
    simulate(set, ic, simOptions = {}): Trajectory {
      const solver = new GrayScottSolver({ n, F: set.values.F!, k: set.values.k!, dt, dealias: options.dealias });
      solver.setState(ic.A, ic.B);
      const cells = n * n;
      const buf = { A: new Float64Array(cells), B: new Float64Array(cells) };
      const out = recordFrames(
        fields,
        layout.shape,
        frames,
        (f, [A, B]) => {
          if (f > 0) solver.step(stepsPerFrame);
          solver.getState(buf);
          assertFiniteState([buf.A, buf.B], 'gray-scott', solver.t, set.label);
          A.set(buf.A, f * cells);
          B.set(buf.B, f * cells);
        },
        simOptions,
      );
      return { fields: out, steps: solver.steps };
    },
  };
}
