import { describe, expect, it } from 'vitest';
import { fft, fftfreq, ifft } from './fft1d.js';
import { cachedPlanCount, getPlan } from './plan.js';
import { irfftRows, rfftRows } from './rfft.js';
import { maxAbsDiff, naiveDft, values } from './testing.js';

const SIZES = [1, 2, 4, 8, 16, 32, 64, 128];

describe('fft / ifft (1-D complex)', () => {
  it.each(SIZES)('matches a naive DFT to 1e-12 at n = %i (forward and inverse, unnormalised)', (n) => {
    const re = values(n, 1);
    const im = values(n, 2);
    const [eRe, eIm] = naiveDft(re, im);
    const aRe = re.slice();
    const aIm = im.slice();
    fft(aRe, aIm);
    expect(maxAbsDiff(aRe, eRe)).toBeLessThan(1e-12);
    expect(maxAbsDiff(aIm, eIm)).toBeLessThan(1e-12);
    // 'forward' norm inverse is the unnormalised inverse sum.
    const [iRe, iIm] = naiveDft(re, im, [n], true);
    const bRe = re.slice();
    const bIm = im.slice();
    ifft(bRe, bIm, { norm: 'forward' });
    expect(maxAbsDiff(bRe, iRe)).toBeLessThan(1e-12);
    expect(maxAbsDiff(bIm, iIm)).toBeLessThan(1e-12);
  });

  it.each(['backward', 'ortho', 'forward'] as const)('ifft(fft(x)) = x with norm %s', (norm) => {
    const re = values(64, 3);
    const im = values(64, 4);
    const aRe = re.slice();
    const aIm = im.slice();
    fft(aRe, aIm, { norm });
    ifft(aRe, aIm, { norm });
    expect(maxAbsDiff(aRe, re)).toBeLessThan(1e-14);
    expect(maxAbsDiff(aIm, im)).toBeLessThan(1e-14);
  });

  it('scales: backward forward is unnormalised, ortho divides by √n, forward by n', () => {
    const n = 16;
    const ones = () => [new Float64Array(n).fill(1), new Float64Array(n)] as const;
    let [re, im] = ones();
    fft(re, im);
    expect(re[0]).toBeCloseTo(16, 12);
    [re, im] = ones();
    fft(re, im, { norm: 'ortho' });
    expect(re[0]).toBeCloseTo(4, 12);
    [re, im] = ones();
    fft(re, im, { norm: 'forward' });
    expect(re[0]).toBeCloseTo(1, 12);
    expect(maxAbsDiff(re.subarray(1), new Float64Array(n - 1))).toBeLessThan(1e-15);
  });

  it('ortho is unitary (Parseval: Σ|x|² = Σ|X|²)', () => {
    const re = values(256, 5);
    const im = values(256, 6);
    let e0 = 0;
    for (let i = 0; i < re.length; i++) e0 += re[i] ** 2 + im[i] ** 2;
    fft(re, im, { norm: 'ortho' });
    let e1 = 0;
    for (let i = 0; i < re.length; i++) e1 += re[i] ** 2 + im[i] ** 2;
    expect(Math.abs(e1 - e0) / e0).toBeLessThan(1e-13);
  });

  it('rejects non-power-of-two sizes and mismatched arrays with clear errors', () => {
    expect(() => fft(new Float64Array(96), new Float64Array(96))).toThrow(/fft: length = 96 is not a power of two/);
    expect(() => fft(new Float64Array(8), new Float64Array(4))).toThrow(/re has length 8 but im has length 4/);
    expect(() => ifft(new Float64Array(0), new Float64Array(0))).toThrow(/not a power of two/);
  });

  it('caches one plan per size', () => {
    const p = getPlan(32);
    expect(getPlan(32)).toBe(p);
    const count = cachedPlanCount();
    fft(new Float64Array(32), new Float64Array(32));
    expect(cachedPlanCount()).toBe(count);
  });
});

describe('rfftRows / irfftRows', () => {
  it.each([1, 2, 4, 8, 32])('each row matches the naive DFT at n = %i, and the inverse restores the rows', (n) => {
    const rows = 3;
    const x = values(rows * n, 7);
    const spec = rfftRows(x, rows, n);
    const m = (n >> 1) + 1;
    expect(spec.re.length).toBe(rows * m);
    for (let r = 0; r < rows; r++) {
      const [eRe, eIm] = naiveDft(x.slice(r * n, (r + 1) * n), new Float64Array(n));
      expect(maxAbsDiff(spec.re.subarray(r * m, (r + 1) * m), eRe.subarray(0, m))).toBeLessThan(1e-12);
      expect(maxAbsDiff(spec.im.subarray(r * m, (r + 1) * m), eIm.subarray(0, m))).toBeLessThan(1e-12);
    }
    const back = irfftRows(spec, rows, n);
    expect(maxAbsDiff(back, x)).toBeLessThan(1e-14);
  });

  it('accepts Float32Array input and works with ortho norm both ways', () => {
    const n = 16;
    const x = Float32Array.from(values(2 * n, 8));
    const spec = rfftRows(x, 2, n, undefined, { norm: 'ortho' });
    const [eRe] = naiveDft(Float64Array.from(x.subarray(0, n)), new Float64Array(n));
    expect(spec.re[0]).toBeCloseTo(eRe[0] / 4, 12);
    const back = irfftRows(spec, 2, n, undefined, { norm: 'ortho' });
    expect(maxAbsDiff(back, x)).toBeLessThan(1e-14);
  });

  it('irfft ignores the imaginary parts of the DC and Nyquist bins (numpy irfft semantics)', () => {
    const n = 8;
    const spec = { re: new Float64Array(5), im: new Float64Array(5) };
    spec.re[0] = 8;
    spec.im[0] = 3;
    spec.im[4] = -2;
    const x = irfftRows(spec, 1, n);
    expect(maxAbsDiff(x, new Float64Array(n).fill(1))).toBeLessThan(1e-15);
  });

  it('reuses out arrays and validates lengths', () => {
    const x = values(16, 9);
    const out = { re: new Float64Array(10), im: new Float64Array(10) };
    expect(rfftRows(x, 2, 8, out)).toBe(out);
    expect(() => rfftRows(x, 2, 8, { re: new Float64Array(9), im: new Float64Array(9) })).toThrow(/expected 10/);
    expect(() => rfftRows(x, 3, 8)).toThrow(/x has length 16; expected rows·n = 3·8 = 24/);
    expect(() => rfftRows(new Float64Array(24), 2, 12)).toThrow(/n = 12 is not a power of two/);
  });
});

describe('fftfreq', () => {
  it('matches numpy.fft.fftfreq', () => {
    expect(Array.from(fftfreq(4))).toEqual([0, 0.25, -0.5, -0.25]);
    expect(Array.from(fftfreq(5, 0.5))).toEqual([0, 0.4, 0.8, -0.8, -0.4]);
  });
});
