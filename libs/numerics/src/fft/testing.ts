/**
 * Test helpers of the FFT module (not exported from the package): deterministic signals and the
 * naive O(N²) DFT the fast transforms are checked against.
 */
import { sizeOf } from '../array/size-of.js';

/** Deterministic pseudo-random values in [−1, 1) (sine hash; no draws). */
export function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Math.sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453;
    out[i] = 2 * (s - Math.floor(s)) - 1;
  }
  return out;
}

/** Row-major multi-index of a flat position in `shape`. */
function multiIndex(flat: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let a = shape.length - 1; a >= 0; a--) {
    out[a] = flat % shape[a];
    flat = Math.floor(flat / shape[a]);
  }
  return out;
}

/**
 * Naive n-D DFT (unnormalised) straight from X[k] = Σ_x z[x] e^{∓2πi Σ_a k_a x_a / n_a}
 * (− forward, + inverse), row-major; the 1-D DFT is `shape = [n]`.
 */
export function naiveDft(
  re: Float64Array,
  im: Float64Array,
  shape: readonly number[] = [re.length],
  inverse = false,
): [Float64Array, Float64Array] {
  const size = sizeOf(shape);
  const sign = inverse ? 1 : -1;
  const oRe = new Float64Array(size);
  const oIm = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const kk = multiIndex(k, shape);
    let a = 0;
    let b = 0;
    for (let j = 0; j < size; j++) {
      const jj = multiIndex(j, shape);
      let phase = 0;
      for (let d = 0; d < shape.length; d++) phase += ((kk[d] * jj[d]) % shape[d]) / shape[d];
      const t = sign * 2 * Math.PI * phase;
      a += re[j] * Math.cos(t) - im[j] * Math.sin(t);
      b += re[j] * Math.sin(t) + im[j] * Math.cos(t);
    }
    oRe[k] = a;
    oIm[k] = b;
  }
  return [oRe, oIm];
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
