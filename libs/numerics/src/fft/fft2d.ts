/**
 * 2-D FFTs on row-major [ny, nx] arrays: complex in place on split re/im, and real ↔ half spectrum.
 * Rows are transformed directly; the column pass goes through a (blocked) transpose buffer so every
 * 1-D transform reads contiguous memory. Normalisation per `FftNorm`, with n = ny·nx
 * (default: forward unnormalised, inverse divides by ny·nx). Source: docs/simulators.md §1.
 */
import { transformStrided } from './fft1d.js';
import { assertPowerOfTwo, type FftNorm, type FftOptions } from './plan.js';
import { irfftRows, rfftRows, type ComplexArrays, type RealArray } from './rfft.js';

const BLOCK = 32;
let scratchRe = new Float64Array(0);
let scratchIm = new Float64Array(0);

function scratch(length: number): [Float64Array, Float64Array] {
  if (scratchRe.length < length) {
    scratchRe = new Float64Array(length);
    scratchIm = new Float64Array(length);
  }
  return [scratchRe.subarray(0, length), scratchIm.subarray(0, length)];
}

/** Blocked transpose: src [rows, cols] → dst [cols, rows] (row-major). */
export function transpose(src: Float64Array, dst: Float64Array, rows: number, cols: number): void {
  if (src.length < rows * cols || dst.length < rows * cols) {
    throw new Error(`transpose: arrays of lengths ${src.length}/${dst.length} are shorter than rows·cols = ${rows * cols}`);
  }
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(r0 + BLOCK, rows);
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(c0 + BLOCK, cols);
      for (let r = r0; r < r1; r++) {
        const o = r * cols;
        for (let c = c0; c < c1; c++) dst[c * rows + r] = src[o + c];
      }
    }
  }
}

function rowPass(
  re: Float64Array,
  im: Float64Array,
  rows: number,
  n: number,
  inverse: boolean,
  norm: FftNorm | undefined,
  what: string,
): void {
  for (let r = 0; r < rows; r++) transformStrided(re, im, r * n, 1, n, inverse, norm, what);
}

/**
 * Transforms every column of a complex [rows, cols] array (along axis 0) in place, through a
 * transpose buffer. `rows` must be a power of two; `cols` is arbitrary.
 */
export function fftColumns(
  re: Float64Array,
  im: Float64Array,
  rows: number,
  cols: number,
  inverse: boolean,
  options: FftOptions = {},
): void {
  assertPowerOfTwo(rows, 'fftColumns: rows');
  if (re.length !== rows * cols || im.length !== rows * cols) {
    throw new Error(`fftColumns: re/im have lengths ${re.length}/${im.length}; expected rows·cols = ${rows * cols}`);
  }
  if (rows === 1) {
    // Length-1 transforms only scale (by 1 for every norm).
    return;
  }
  const [tRe, tIm] = scratch(rows * cols);
  transpose(re, tRe, rows, cols);
  transpose(im, tIm, rows, cols);
  rowPass(tRe, tIm, cols, rows, inverse, options.norm, 'fftColumns: rows');
  transpose(tRe, re, cols, rows);
  transpose(tIm, im, cols, rows);
}

function check2d(re: Float64Array, im: Float64Array, ny: number, nx: number, what: string): void {
  if (!(re instanceof Float64Array) || !(im instanceof Float64Array)) throw new Error(`${what}: re and im must be Float64Array`);
  assertPowerOfTwo(ny, `${what}: ny`);
  assertPowerOfTwo(nx, `${what}: nx`);
  if (re.length !== ny * nx || im.length !== ny * nx) {
    throw new Error(`${what}: re/im have lengths ${re.length}/${im.length}; expected ny·nx = ${ny}·${nx} = ${ny * nx}`);
  }
}

/**
 * Forward 2-D complex DFT in place on [ny, nx]:
 * X[p, q] = s · Σ_{y, x} z[y, x] e^{−2πi (py/ny + qx/nx)} (s = 1 default, 1/√(ny·nx) 'ortho').
 */
export function fft2d(re: Float64Array, im: Float64Array, ny: number, nx: number, options: FftOptions = {}): void {
  check2d(re, im, ny, nx, 'fft2d');
  rowPass(re, im, ny, nx, false, options.norm, 'fft2d: nx');
  fftColumns(re, im, ny, nx, false, options);
}

/** Inverse 2-D complex DFT in place on [ny, nx] (divides by ny·nx by default): ifft2d(fft2d(z)) = z. */
export function ifft2d(re: Float64Array, im: Float64Array, ny: number, nx: number, options: FftOptions = {}): void {
  check2d(re, im, ny, nx, 'ifft2d');
  rowPass(re, im, ny, nx, true, options.norm, 'ifft2d: nx');
  fftColumns(re, im, ny, nx, true, options);
}

/**
 * Forward 2-D real FFT: x [ny, nx] → half spectrum {re, im} [ny, nx/2 + 1] (numpy.fft.rfft2):
 * real transform of each row, then complex transforms of the nx/2 + 1 columns.
 */
export function rfft2d(x: RealArray, ny: number, nx: number, out?: ComplexArrays, options: FftOptions = {}): ComplexArrays {
  assertPowerOfTwo(ny, 'rfft2d: ny');
  assertPowerOfTwo(nx, 'rfft2d: nx');
  const res = rfftRows(x, ny, nx, out, options);
  fftColumns(res.re, res.im, ny, (nx >> 1) + 1, false, options);
  return res;
}

/** Options of `irfft2d`. */
export interface Irfft2dOptions extends FftOptions {
  /** Use `spec` itself as the column-pass workspace (it is overwritten) instead of a copy. */
  overwriteInput?: boolean;
}

/**
 * Inverse of `rfft2d`: half spectrum [ny, nx/2 + 1] → real [ny, nx] (numpy.fft.irfft2 semantics).
 * The input spectrum is left unchanged unless `overwriteInput` is set (saves a copy per call).
 */
export function irfft2d(spec: ComplexArrays, ny: number, nx: number, out?: Float64Array, options: Irfft2dOptions = {}): Float64Array {
  assertPowerOfTwo(ny, 'irfft2d: ny');
  assertPowerOfTwo(nx, 'irfft2d: nx');
  const m = (nx >> 1) + 1;
  if (spec.re.length !== ny * m || spec.im.length !== ny * m) {
    throw new Error(`irfft2d: spec.re/spec.im have lengths ${spec.re.length}/${spec.im.length}; expected ny·(nx/2+1) = ${ny * m}`);
  }
  const tmp = options.overwriteInput ? spec : { re: Float64Array.from(spec.re), im: Float64Array.from(spec.im) };
  fftColumns(tmp.re, tmp.im, ny, m, true, options);
  return irfftRows(tmp, ny, nx, out, options);
}
