/**
 * Cached fft.js plans and the normalisation convention of the project's FFT module.
 *
 * Source: docs/simulators.md §1 (FFT choice: fft.js behind a small project-owned module, Float64Array,
 * cached plans per size). fft.js supports power-of-two sizes only; size 1 is the identity here.
 */
import FFT from 'fft.js';

/**
 * Normalisation of a transform pair, named as in numpy.fft:
 * - `'backward'` (default): forward unnormalised, X_k = Σ_j x_j e^{−2πi jk/n}; inverse divides by n.
 * - `'ortho'`: both directions divide by √n (unitary; Parseval holds without factors).
 * - `'forward'`: forward divides by n; inverse unnormalised.
 * For an n-D transform the factors multiply over the axes (n = product of the transformed sizes).
 */
export type FftNorm = 'backward' | 'ortho' | 'forward';

/** Options shared by every transform of the module. */
export interface FftOptions {
  /** Normalisation convention; default `'backward'`. */
  norm?: FftNorm;
}

/** A cached plan for one size: the fft.js instance (null for n = 1) and interleaved scratch buffers. */
export interface FftPlan {
  readonly n: number;
  readonly fft: FFT | null;
  /** Interleaved complex input scratch, length 2n. */
  readonly bufIn: Float64Array;
  /** Interleaved complex output scratch, length 2n. */
  readonly bufOut: Float64Array;
}

const plans = new Map<number, FftPlan>();

/** True when n is a positive integer power of two (1 included). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/**
 * Throws a clear error unless n is a power of two (fft.js supports only those).
 * @param what names the caller and axis, e.g. `'fft2d: nx'`.
 */
export function assertPowerOfTwo(n: number, what: string): void {
  if (!isPowerOfTwo(n)) {
    throw new Error(
      `${what} = ${n} is not a power of two: the FFT module (libs/numerics/src/fft, fft.js) ` +
        'supports only power-of-two sizes (1, 2, 4, 8, ...). Pad or resample the data.',
    );
  }
}

/** The cached plan for size n (created on first use). */
export function getPlan(n: number, what = 'fft: size'): FftPlan {
  let plan = plans.get(n);
  if (!plan) {
    assertPowerOfTwo(n, what);
    plan = {
      n,
      fft: n > 1 ? new FFT(n) : null,
      bufIn: new Float64Array(2 * n),
      bufOut: new Float64Array(2 * n),
    };
    plans.set(n, plan);
  }
  return plan;
}

/** Number of cached plans (for tests and diagnostics). */
export function cachedPlanCount(): number {
  return plans.size;
}

/**
 * Transforms plan.bufIn into plan.bufOut (interleaved complex) and returns the factor already
 * applied relative to the unnormalised sums (forward X_k = Σ_j x_j e^{−2πi jk/n}: 1; inverse
 * x_j = Σ_k X_k e^{+2πi jk/n}: fft.js divides by n, so 1/n). Callers multiply by
 * `normScale(...) / applied` while copying out, so no extra pass is spent.
 */
export function runPlan(plan: FftPlan, inverse: boolean): number {
  const { fft, bufIn, bufOut, n } = plan;
  if (!fft) {
    bufOut[0] = bufIn[0];
    bufOut[1] = bufIn[1];
    return 1;
  }
  if (!inverse) {
    fft.transform(bufOut, bufIn);
    return 1;
  }
  fft.inverseTransform(bufOut, bufIn);
  return 1 / n;
}

/**
 * The factor applied to one axis of length n after an unnormalised transform.
 * backward: forward 1, inverse 1/n; ortho: 1/√n both; forward: forward 1/n, inverse 1.
 */
export function normScale(n: number, inverse: boolean, norm: FftNorm = 'backward'): number {
  switch (norm) {
    case 'backward':
      return inverse ? 1 / n : 1;
    case 'ortho':
      return 1 / Math.sqrt(n);
    case 'forward':
      return inverse ? 1 : 1 / n;
    default:
      throw new Error(`fft: unknown norm '${String(norm)}' (expected 'backward', 'ortho' or 'forward')`);
  }
}
