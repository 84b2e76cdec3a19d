/**
 * n-D complex FFT in place on a row-major array of any shape (power-of-two sizes), e.g. for power
 * spectra. X[k] = s · Σ_x z[x] e^{−2πi Σ_a k_a x_a / n_a}; normalisation per `FftNorm` with
 * n = Π n_a ('ortho': 1/√n both ways). Source: docs/simulators.md §1, docs/method.md §13.3.
 */
import { transformStrided } from './fft1d.js';
import { fftColumns } from './fft2d.js';
import { assertPowerOfTwo, type FftOptions } from './plan.js';

function checkNd(re: Float64Array, im: Float64Array, shape: readonly number[], what: string): number {
  if (!(re instanceof Float64Array) || !(im instanceof Float64Array)) throw new Error(`${what}: re and im must be Float64Array`);
  if (shape.length === 0) throw new Error(`${what}: shape is empty; expected at least one axis`);
  let size = 1;
  shape.forEach((n, a) => {
    assertPowerOfTwo(n, `${what}: shape[${a}]`);
    size *= n;
  });
  if (re.length !== size || im.length !== size) {
    throw new Error(`${what}: re/im have lengths ${re.length}/${im.length}; expected the product of shape [${shape.join(', ')}] = ${size}`);
  }
  return size;
}

function transformNd(
  re: Float64Array,
  im: Float64Array,
  shape: readonly number[],
  inverse: boolean,
  options: FftOptions,
  what: string,
): void {
  const size = checkNd(re, im, shape, what);
  const d = shape.length;
  // Last axis: contiguous rows.
  const last = shape[d - 1];
  if (last > 1)
    for (let o = 0; o < size; o += last) transformStrided(re, im, o, 1, last, inverse, options.norm, `${what}: shape[${d - 1}]`);
  if (d === 1) return;
  if (d === 2) {
    fftColumns(re, im, shape[0], last, inverse, options);
    return;
  }
  // Other axes: strided lines (gather/scatter through the plan's buffers).
  let inner = last;
  for (let a = d - 2; a >= 0; a--) {
    const n = shape[a];
    const block = n * inner;
    if (n > 1) {
      for (let base = 0; base < size; base += block) {
        for (let i = 0; i < inner; i++) transformStrided(re, im, base + i, inner, n, inverse, options.norm, `${what}: shape[${a}]`);
      }
    }
    inner = block;
  }
}

/** Forward n-D complex DFT in place over every axis of `shape` (row-major). */
export function fftn(re: Float64Array, im: Float64Array, shape: readonly number[], options: FftOptions = {}): void {
  transformNd(re, im, shape, false, options, 'fftn');
}

/** Inverse n-D complex DFT in place (divides by Π n_a by default): ifftn(fftn(z)) = z. */
export function ifftn(re: Float64Array, im: Float64Array, shape: readonly number[], options: FftOptions = {}): void {
  transformNd(re, im, shape, true, options, 'ifftn');
}

/**
 * n-D DFT of a real array: copies x into a fresh complex pair and transforms every axis.
 * Returns the full (not half) spectrum in row-major order of `shape`.
 */
export function fftnReal(x: ArrayLike<number>, shape: readonly number[], options: FftOptions = {}): { re: Float64Array; im: Float64Array } {
  const re = Float64Array.from(x as ArrayLike<number>);
  const im = new Float64Array(re.length);
  fftn(re, im, shape, options);
  return { re, im };
}

/**
 * Power |X[k]|² of the n-D DFT of a real array, full spectrum in row-major order of `shape`.
 * With `norm: 'ortho'` (the default here, docs/method.md §13.3) Σ_k |X[k]|² = Σ_x x² (Parseval).
 */
export function powerSpectrumNd(x: ArrayLike<number>, shape: readonly number[], options: FftOptions = { norm: 'ortho' }): Float64Array {
  const { re, im } = fftnReal(x, shape, options);
  for (let i = 0; i < re.length; i++) re[i] = re[i] * re[i] + im[i] * im[i];
  return re;
}
