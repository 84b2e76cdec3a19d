import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { allocPentaBands, factorPenta, multiplyPenta, solvePenta, solveTri } from './banded.js';

describe('batched pentadiagonal solves', () => {
  it('solve A x = y for every mode of a batch (residual at round-off)', () => {
    const n = 13;
    const nk = 5;
    const rng = new Rng(4);
    const bands = allocPentaBands(n, nk);
    for (let i = 0; i < n * nk; i++) {
      bands.a[i] = rng.uniform(-1, 1);
      bands.b[i] = rng.uniform(-1, 1);
      bands.e[i] = rng.uniform(-1, 1);
      bands.f[i] = rng.uniform(-1, 1);
      bands.d[i] = 5 + rng.uniform(); // diagonally dominant
    }
    const xRe = Float64Array.from({ length: n * nk }, () => rng.normal());
    const xIm = Float64Array.from({ length: n * nk }, () => rng.normal());
    const yRe = new Float64Array(n * nk);
    const yIm = new Float64Array(n * nk);
    multiplyPenta(bands, n, nk, xRe, yRe);
    multiplyPenta(bands, n, nk, xIm, yIm);
    // Solve on rows 2..2+n−1 of a larger array to exercise the row offset.
    const pad = 2 * nk;
    const re = new Float64Array(pad + n * nk + nk);
    const im = new Float64Array(pad + n * nk + nk);
    re.set(yRe, pad);
    im.set(yIm, pad);
    solvePenta(factorPenta(bands, n, nk), re, im, 2);
    for (let i = 0; i < n * nk; i++) {
      expect(Math.abs(re[pad + i] - xRe[i])).toBeLessThan(1e-13);
      expect(Math.abs(im[pad + i] - xIm[i])).toBeLessThan(1e-13);
    }
    expect(re[0]).toBe(0);
    expect(re[pad + n * nk]).toBe(0);
  });

  it('the Thomas fast path agrees on tridiagonal batches', () => {
    const n = 9;
    const nk = 3;
    const rng = new Rng(8);
    const bands = allocPentaBands(n, nk);
    for (let i = 0; i < n * nk; i++) {
      bands.b[i] = rng.uniform(-1, 1);
      bands.e[i] = rng.uniform(-1, 1);
      bands.d[i] = 3 + rng.uniform();
    }
    const x = Float64Array.from({ length: n * nk }, () => rng.normal());
    const y = new Float64Array(n * nk);
    multiplyPenta(bands, n, nk, x, y);
    const re = Float64Array.from(y);
    const im = Float64Array.from(y, (v) => 2 * v);
    solveTri(factorPenta(bands, n, nk), re, im, 0);
    for (let i = 0; i < n * nk; i++) {
      expect(Math.abs(re[i] - x[i])).toBeLessThan(1e-14);
      expect(Math.abs(im[i] - 2 * x[i])).toBeLessThan(1e-14);
    }
  });

  it('throws on a zero pivot', () => {
    const bands = allocPentaBands(3, 1);
    expect(() => factorPenta(bands, 3, 1)).toThrow(/pivot at row 0, mode 0/);
  });
});
