/**
 * 1-D complex FFT on split (separate real/imaginary) Float64Arrays, in place.
 *
 * Convention (numpy.fft, see `FftNorm`): forward X_k = s · Σ_j x_j e^{−2πi jk/n},
 * inverse x_j = s' · Σ_k X_k e^{+2πi jk/n}; default s = 1, s' = 1/n; 'ortho' s = s' = 1/√n.
 * Source: docs/simulators.md §1 (fft.js, power-of-two sizes, cached plans).
 */
import { getPlan, normScale, runPlan, type FftNorm, type FftOptions } from './plan.js';

/**
 * Transforms the n values re/im[offset + k·stride], k = 0..n−1, in place (internal building block
 * of the 1-D, 2-D and n-D transforms).
 */
export function transformStrided(
  re: Float64Array,
  im: Float64Array,
  offset: number,
  stride: number,
  n: number,
  inverse: boolean,
  norm: FftNorm = 'backward',
  what = 'fft: size',
): void {
  const plan = getPlan(n, what);
  const { bufIn, bufOut } = plan;
  for (let k = 0, j = offset; k < n; k++, j += stride) {
    bufIn[2 * k] = re[j];
    bufIn[2 * k + 1] = im[j];
  }
  const applied = runPlan(plan, inverse);
  const s = normScale(n, inverse, norm) / applied;
  if (s === 1) {
    for (let k = 0, j = offset; k < n; k++, j += stride) {
      re[j] = bufOut[2 * k];
      im[j] = bufOut[2 * k + 1];
    }
  } else {
    for (let k = 0, j = offset; k < n; k++, j += stride) {
      re[j] = bufOut[2 * k] * s;
      im[j] = bufOut[2 * k + 1] * s;
    }
  }
}

function checkPair(re: Float64Array, im: Float64Array, what: string): void {
  if (!(re instanceof Float64Array) || !(im instanceof Float64Array)) {
    throw new Error(`${what}: re and im must be Float64Array`);
  }
  if (re.length !== im.length) {
    throw new Error(`${what}: re has length ${re.length} but im has length ${im.length}; expected equal lengths`);
  }
}

/**
 * Forward 1-D complex DFT in place: X_k = s · Σ_j x_j e^{−2πi jk/n} (s = 1 by default, 1/√n for
 * 'ortho', 1/n for 'forward'). n = re.length must be a power of two.
 */
export function fft(re: Float64Array, im: Float64Array, options: FftOptions = {}): void {
  checkPair(re, im, 'fft');
  transformStrided(re, im, 0, 1, re.length, false, options.norm, 'fft: length');
}

/**
 * Inverse 1-D complex DFT in place: x_j = s' · Σ_k X_k e^{+2πi jk/n} (s' = 1/n by default, 1/√n
 * for 'ortho', 1 for 'forward'), so ifft(fft(x)) = x for every norm.
 */
export function ifft(re: Float64Array, im: Float64Array, options: FftOptions = {}): void {
  checkPair(re, im, 'ifft');
  transformStrided(re, im, 0, 1, re.length, true, options.norm, 'ifft: length');
}

/**
 * Sample frequencies of an n-point DFT in cycles per unit of d (numpy.fft.fftfreq):
 * [0, 1, ..., ⌈n/2⌉−1, −⌊n/2⌋, ..., −1] / (d·n).
 */
export function fftfreq(n: number, d = 1): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`fftfreq: n = ${n}; expected a positive integer`);
  const out = new Float64Array(n);
  const half = Math.ceil(n / 2);
  for (let k = 0; k < n; k++) out[k] = (k < half ? k : k - n) / (d * n);
  return out;
}
