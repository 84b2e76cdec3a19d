/**
 * Piecewise-constant multi-quadrant initial conditions for the Euler solver (spec
 * `docs/simulators.md` §2.3, a project design: The Well's sampler is not published).
 *
 * The unit square is cut by `xSplits` vertical and `ySplits` horizontal lines into rectangles, each
 * holding a constant primitive state (ρ, u, v, p). Cells take the state of the rectangle holding
 * their centre (a point on a split line belongs to the upper rectangle, as Q1 = (x > ½, y > ½)).
 */
import type { RandomSource } from '@lola-ts/numerics';
import type { EulerSolver } from './solver.js';
import { LAX_LIU_CONFIGS, laxLiuConfig, type PrimitiveState } from './lax-liu.js';

export interface MultiQuadrantIC {
  /** Ascending split positions along x, inside (0, 1). */
  readonly xSplits: readonly number[];
  /** Ascending split positions along y, inside (0, 1). */
  readonly ySplits: readonly number[];
  /** One state per rectangle: `states[a * (ySplits.length + 1) + b]` for x block a, y block b. */
  readonly states: readonly PrimitiveState[];
  /** The Lax–Liu configuration this sample was snapped to, or 0 for a random sample. */
  readonly laxLiu: number;
}

/** Options of {@link sampleMultiQuadrant}; defaults are docs/simulators.md §2.3. */
export interface MultiQuadrantSamplerOptions {
  /** Number of splits per axis, drawn uniformly from minSplits..maxSplits (default 1..3). */
  minSplits?: number;
  maxSplits?: number;
  /** Split positions are uniform in [splitLow, splitHigh] (default [0.1, 0.9]) ... */
  splitLow?: number;
  splitHigh?: number;
  /** ... with at least this gap between splits (default 0.1). */
  minGap?: number;
  /** ρ ~ U(rhoLow, rhoHigh) (default 0.1, 2). */
  rhoLow?: number;
  rhoHigh?: number;
  /** p ~ U(pLow, pHigh) (default 0.1, 2). */
  pLow?: number;
  pHigh?: number;
  /** u, v ~ U(−velocity, velocity) (default 1). */
  velocity?: number;
  /** Probability of snapping the sample to one of the 19 Lax–Liu configurations (default 0). */
  laxLiuFraction?: number;
}

/** The Lax–Liu configuration `id` as a {@link MultiQuadrantIC} (splits at x = xSplit, y = ySplit). */
export function laxLiuInitialCondition(id: number, xSplit = 0.5, ySplit = 0.5): MultiQuadrantIC {
  const c = laxLiuConfig(id);
  // Blocks in (x block, y block) order: (0,0) = Q3, (0,1) = Q2, (1,0) = Q4, (1,1) = Q1.
  return { xSplits: [xSplit], ySplits: [ySplit], states: [c.q3, c.q2, c.q4, c.q1], laxLiu: id };
}

/**
 * `count` sorted positions, uniform over the configurations in [low, high] with consecutive gaps
 * >= minGap: sorted uniforms on [low, high − (count − 1)·minGap], the k-th shifted by k·minGap
 * (exact, no rejection).
 */
function sampleSplits(rng: RandomSource, count: number, low: number, high: number, minGap: number): number[] {
  const span = high - low - (count - 1) * minGap;
  if (span < 0) throw new RangeError(`sampleMultiQuadrant: ${count} splits with gap ${minGap} do not fit in [${low}, ${high}]`);
  const u: number[] = [];
  for (let k = 0; k < count; k++) u.push(low + span * rng.uniform());
  u.sort((a, b) => a - b);
  return u.map((x, k) => x + k * minGap);
}

/**
 * Draws a random multi-quadrant initial condition (docs/simulators.md §2.3): 1–3 splits per axis at positions
 * U[0.1, 0.9] with a minimum gap of 0.1, and in each rectangle ρ, p ~ U(0.1, 2), u, v ~ U(−1, 1);
 * with probability `laxLiuFraction` the sample is instead one of the 19 Lax–Liu configurations
 * (drawn uniformly) with one split per axis at random positions.
 */
export function sampleMultiQuadrant(rng: RandomSource, options: MultiQuadrantSamplerOptions = {}): MultiQuadrantIC {
  const minSplits = options.minSplits ?? 1;
  const maxSplits = options.maxSplits ?? 3;
  const lo = options.splitLow ?? 0.1;
  const hi = options.splitHigh ?? 0.9;
  const gap = options.minGap ?? 0.1;
  const vel = options.velocity ?? 1;
  const fraction = options.laxLiuFraction ?? 0;
  if (!Number.isInteger(minSplits) || !Number.isInteger(maxSplits) || minSplits < 1 || maxSplits < minSplits) {
    throw new RangeError(`sampleMultiQuadrant: need integers 1 <= minSplits <= maxSplits, got ${minSplits}, ${maxSplits}`);
  }
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`sampleMultiQuadrant: laxLiuFraction must be in [0, 1], got ${fraction}`);
  if (fraction > 0 && rng.uniform() < fraction) {
    const id = 1 + rng.int(LAX_LIU_CONFIGS.length);
    const [xs] = sampleSplits(rng, 1, lo, hi, gap);
    const [ys] = sampleSplits(rng, 1, lo, hi, gap);
    return laxLiuInitialCondition(id, xs, ys);
  }
  const xSplits = sampleSplits(rng, minSplits + rng.int(maxSplits - minSplits + 1), lo, hi, gap);
  const ySplits = sampleSplits(rng, minSplits + rng.int(maxSplits - minSplits + 1), lo, hi, gap);
  const states: PrimitiveState[] = [];
  const n = (xSplits.length + 1) * (ySplits.length + 1);
  for (let k = 0; k < n; k++) {
    const rho = rng.uniform(options.rhoLow ?? 0.1, options.rhoHigh ?? 2);
    const u = rng.uniform(-vel, vel);
    const v = rng.uniform(-vel, vel);
    const p = rng.uniform(options.pLow ?? 0.1, options.pHigh ?? 2);
    states.push([rho, u, v, p]);
  }
  return { xSplits, ySplits, states, laxLiu: 0 };
}

function block(splits: readonly number[], x: number): number {
  let b = 0;
  while (b < splits.length && x >= splits[b]!) b++;
  return b;
}

/** The state of the rectangle holding point (x, y). */
export function stateAt(ic: MultiQuadrantIC, x: number, y: number): PrimitiveState {
  return ic.states[block(ic.xSplits, x) * (ic.ySplits.length + 1) + block(ic.ySplits, y)]!;
}

/** Sets the solver's cells from `ic` (cell-centre point values) and resets its clock. */
export function applyInitialCondition(solver: EulerSolver, ic: MultiQuadrantIC): void {
  const expected = (ic.xSplits.length + 1) * (ic.ySplits.length + 1);
  if (ic.states.length !== expected) throw new RangeError(`applyInitialCondition: ${ic.states.length} states for ${expected} rectangles`);
  solver.setState((x, y) => stateAt(ic, x, y));
}
