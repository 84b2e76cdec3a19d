import { describe, expect, it } from 'vitest';
import { sizeOf } from '../array/size-of.js';
import { fft2d, ifft2d, irfft2d, rfft2d, transpose } from './fft2d.js';
import { fftn, fftnReal, ifftn, powerSpectrumNd } from './fftnd.js';
import { maxAbsDiff, naiveDft, values } from './testing.js';

/** 2-D grids [ny, nx] the transforms are checked on (rows or columns of one included). */
const GRIDS: [number, number][] = [
  [1, 8],
  [8, 1],
  [4, 2],
  [4, 16],
  [16, 4],
  [16, 8],
  [32, 32],
];

describe('fft2d / ifft2d', () => {
  it.each(GRIDS)('matches a naive 2-D DFT to 1e-12 on [%i, %i] and inverts', (ny, nx) => {
    const re = values(ny * nx, 1);
    const im = values(ny * nx, 2);
    const [eRe, eIm] = naiveDft(re, im, [ny, nx]);
    const aRe = re.slice();
    const aIm = im.slice();
    fft2d(aRe, aIm, ny, nx);
    expect(maxAbsDiff(aRe, eRe)).toBeLessThan(1e-12);
    expect(maxAbsDiff(aIm, eIm)).toBeLessThan(1e-12);
    ifft2d(aRe, aIm, ny, nx);
    expect(maxAbsDiff(aRe, re)).toBeLessThan(1e-14);
    expect(maxAbsDiff(aIm, im)).toBeLessThan(1e-14);
  });

  it('ortho 2-D transform preserves energy (Parseval)', () => {
    const re = values(64 * 32, 3);
    const im = new Float64Array(64 * 32);
    let e0 = 0;
    for (const v of re) e0 += v * v;
    fft2d(re, im, 64, 32, { norm: 'ortho' });
    let e1 = 0;
    for (let i = 0; i < re.length; i++) e1 += re[i] ** 2 + im[i] ** 2;
    expect(Math.abs(e1 - e0) / e0).toBeLessThan(1e-13);
    ifft2d(re, im, 64, 32, { norm: 'ortho' });
    expect(maxAbsDiff(re, values(64 * 32, 3))).toBeLessThan(1e-14);
  });

  it('rejects bad sizes with errors naming the axis', () => {
    expect(() => fft2d(new Float64Array(48), new Float64Array(48), 6, 8)).toThrow(/fft2d: ny = 6 is not a power of two/);
    expect(() => fft2d(new Float64Array(48), new Float64Array(48), 8, 8)).toThrow(/expected ny·nx = 8·8 = 64/);
  });

  it('transpose is blocked but exact on non-square shapes', () => {
    const rows = 37;
    const cols = 70;
    const src = values(rows * cols, 4);
    const dst = new Float64Array(rows * cols);
    transpose(src, dst, rows, cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expect(dst[c * rows + r]).toBe(src[r * cols + c]);
  });
});

describe('rfft2d / irfft2d', () => {
  it.each(GRIDS.filter(([, nx]) => nx > 1))('equals the first nx/2+1 columns of the complex 2-D DFT on [%i, %i] and inverts', (ny, nx) => {
    const x = values(ny * nx, 5);
    const [eRe, eIm] = naiveDft(x, new Float64Array(ny * nx), [ny, nx]);
    const spec = rfft2d(x, ny, nx);
    const m = nx / 2 + 1;
    for (let y = 0; y < ny; y++) {
      for (let k = 0; k < m; k++) {
        expect(Math.abs(spec.re[y * m + k] - eRe[y * nx + k])).toBeLessThan(1e-12);
        expect(Math.abs(spec.im[y * m + k] - eIm[y * nx + k])).toBeLessThan(1e-12);
      }
    }
    const copy = { re: spec.re.slice(), im: spec.im.slice() };
    const back = irfft2d(spec, ny, nx);
    expect(maxAbsDiff(back, x)).toBeLessThan(1e-14);
    expect(maxAbsDiff(spec.re, copy.re)).toBe(0); // input left unchanged by default
    const back2 = irfft2d(spec, ny, nx, new Float64Array(ny * nx), { overwriteInput: true });
    expect(maxAbsDiff(back2, x)).toBeLessThan(1e-14);
  });
});

describe('fftn / ifftn / powerSpectrumNd', () => {
  it.each([[[16]], [[4, 8]], [[2, 4, 8]], [[4, 1, 4]]])('matches a naive n-D DFT on shape %j and inverts', (shape) => {
    const size = sizeOf(shape);
    const re = values(size, 6);
    const im = values(size, 7);
    const [eRe, eIm] = naiveDft(re, im, shape);
    const aRe = re.slice();
    const aIm = im.slice();
    fftn(aRe, aIm, shape);
    expect(maxAbsDiff(aRe, eRe)).toBeLessThan(1e-12);
    expect(maxAbsDiff(aIm, eIm)).toBeLessThan(1e-12);
    ifftn(aRe, aIm, shape);
    expect(maxAbsDiff(aRe, re)).toBeLessThan(1e-14);
    expect(maxAbsDiff(aIm, im)).toBeLessThan(1e-14);
  });

  it('ortho power spectrum sums to the energy (Parseval) in 2-D and 3-D', () => {
    for (const shape of [
      [16, 32],
      [4, 8, 8],
    ]) {
      const size = sizeOf(shape);
      const x = Float32Array.from(values(size, 8));
      const p = powerSpectrumNd(x, shape);
      let e0 = 0;
      for (const v of x) e0 += v * v;
      const e1 = p.reduce((a, b) => a + b, 0);
      expect(Math.abs(e1 - e0) / e0).toBeLessThan(1e-12);
    }
  });

  it('fftnReal of a constant has only a DC term', () => {
    const { re, im } = fftnReal(new Float64Array(32).fill(2), [4, 8]);
    expect(re[0]).toBeCloseTo(64, 12);
    expect(maxAbsDiff(re.subarray(1), new Float64Array(31))).toBeLessThan(1e-13);
    expect(maxAbsDiff(im, new Float64Array(32))).toBeLessThan(1e-13);
  });

  it('validates shapes', () => {
    expect(() => fftn(new Float64Array(12), new Float64Array(12), [3, 4])).toThrow(/fftn: shape\[0\] = 3 is not a power of two/);
    expect(() => fftn(new Float64Array(12), new Float64Array(12), [4, 4])).toThrow(/expected the product of shape \[4, 4\] = 16/);
    expect(() => fftn(new Float64Array(1), new Float64Array(1), [])).toThrow(/shape is empty/);
  });
});
