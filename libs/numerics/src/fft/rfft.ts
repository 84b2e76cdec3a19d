/**
 * Real-input FFT of many rows (the x-direction transform of a Fourier-in-x solver): each row of a
 * row-major [rows, n] real array maps to its n/2 + 1 non-negative-frequency coefficients, and back.
 *
 * Forward: X_k = s · Σ_j x_j e^{−2πi jk/n}, k = 0..n/2 (the rest follow from X_{n−k} = conj X_k).
 * Inverse (numpy.fft.irfft semantics): the imaginary parts of X_0 and X_{n/2} are ignored.
 * Normalisation as in `FftNorm` (default: forward unnormalised, inverse divides by n).
 * Source: docs/simulators.md §1.
 */
import { getPlan, normScale, runPlan, type FftOptions } from './plan.js';

/** A real array accepted as FFT input (read only). */
export type RealArray = Float64Array | Float32Array;

/** Split complex storage: two Float64Arrays of equal length. */
export interface ComplexArrays {
  re: Float64Array;
  im: Float64Array;
}

/** Checks the row count and length; returns m = n/2 + 1, the coefficients kept per row. */
function halfLength(rows: number, n: number, what: string): number {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`${what}: rows = ${rows}; expected a positive integer`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: n = ${n}; expected a positive integer`);
  return (n >> 1) + 1;
}

function outArrays(out: ComplexArrays | undefined, length: number, what: string): ComplexArrays {
  if (!out) return { re: new Float64Array(length), im: new Float64Array(length) };
  if (out.re.length !== length || out.im.length !== length) {
    throw new Error(`${what}: out.re/out.im have lengths ${out.re.length}/${out.im.length}; expected ${length}`);
  }
  return out;
}

/**
 * Forward real FFT of each row: x [rows, n] (row-major) → {re, im} [rows, n/2 + 1].
 * X[r, k] = s · Σ_j x[r, j] e^{−2πi jk/n}. n must be a power of two. `out` is reused when given.
 */
export function rfftRows(x: RealArray, rows: number, n: number, out?: ComplexArrays, options: FftOptions = {}): ComplexArrays {
  const m = halfLength(rows, n, 'rfftRows');
  if (x.length !== rows * n) throw new Error(`rfftRows: x has length ${x.length}; expected rows·n = ${rows}·${n} = ${rows * n}`);
  const { fft, bufOut } = getPlan(n, 'rfftRows: n');
  const res = outArrays(out, rows * m, 'rfftRows');
  const s = normScale(n, false, options.norm);
  for (let r = 0; r < rows; r++) {
    const o = r * m;
    if (!fft) {
      res.re[o] = x[r] * s;
      res.im[o] = 0;
      continue;
    }
    fft.realTransform(bufOut, x.subarray(r * n, (r + 1) * n));
    for (let k = 0; k < m; k++) {
      res.re[o + k] = bufOut[2 * k] * s;
      res.im[o + k] = bufOut[2 * k + 1] * s;
    }
    // Exact zeros for the self-conjugate bins (fft.js leaves rounding noise there at some sizes).
    res.im[o] = 0;
    res.im[o + m - 1] = 0;
  }
  return res;
}

/**
 * Inverse real FFT of each row: {re, im} [rows, n/2 + 1] → x [rows, n] with
 * x[r, j] = s' · Σ_{k=0}^{n−1} X[r, k] e^{+2πi jk/n}, X[r, n−k] = conj X[r, k]
 * (s' = 1/n by default). Two rows share one complex transform (z = a + i·b).
 */
export function irfftRows(spec: ComplexArrays, rows: number, n: number, out?: Float64Array, options: FftOptions = {}): Float64Array {
  const m = halfLength(rows, n, 'irfftRows');
  if (spec.re.length !== rows * m || spec.im.length !== rows * m) {
    throw new Error(`irfftRows: spec.re/spec.im have lengths ${spec.re.length}/${spec.im.length}; expected rows·(n/2+1) = ${rows * m}`);
  }
  const res = out ?? new Float64Array(rows * n);
  if (res.length !== rows * n) throw new Error(`irfftRows: out has length ${res.length}; expected ${rows * n}`);
  const plan = getPlan(n, 'irfftRows: n');
  const { bufIn, bufOut } = plan;
  const { re, im } = spec;
  for (let r = 0; r < rows; r += 2) {
    const a = r * m;
    const pair = r + 1 < rows;
    const b = pair ? a + m : -1;
    // Z_k = A_k + i·B_k over the full circle, A and B extended by Hermitian symmetry.
    for (let k = 0; k < n; k++) {
      const mirrored = k >= m;
      const kk = mirrored ? n - k : k;
      const selfConj = kk === 0 || 2 * kk === n;
      const sign = mirrored ? -1 : 1;
      const aRe = re[a + kk];
      const aIm = selfConj ? 0 : sign * im[a + kk];
      const bRe = pair ? re[b + kk] : 0;
      const bIm = pair && !selfConj ? sign * im[b + kk] : 0;
      bufIn[2 * k] = aRe - bIm;
      bufIn[2 * k + 1] = aIm + bRe;
    }
    const applied = runPlan(plan, true);
    const s = normScale(n, true, options.norm) / applied;
    const oa = r * n;
    for (let j = 0; j < n; j++) res[oa + j] = bufOut[2 * j] * s;
    if (pair) {
      const ob = oa + n;
      for (let j = 0; j < n; j++) res[ob + j] = bufOut[2 * j + 1] * s;
    }
  }
  return res;
}
