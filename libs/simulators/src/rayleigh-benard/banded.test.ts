import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { allocPentaBands, factorPenta, multiplyPenta, solvePenta, solveTri, type PentaBands } from './banded.js';

/**
 * A batch of n × nk random bands: the `offDiagonal` bands uniform in [−1, 1), the diagonal
 * `diagonal + U[0, 1)` (diagonally dominant), drawn per entry in the order given.
 */
function randomBands(n: number, nk: number, rng: Rng, offDiagonal: readonly ('a' | 'b' | 'e' | 'f')[], diagonal: number): PentaBands {
  const bands = allocPentaBands(n, nk);
  for (let i = 0; i < n * nk; i++) {
    for (const band of offDiagonal) bands[band][i] = rng.uniform(-1, 1);
    bands.d[i] = diagonal + rng.uniform();
  }
  return bands;
}

describe('batched pentadiagonal solves', () => {
  it('solve A x = y for every mode of a batch (residual at round-off)', () => {
    const n = 13;
    const nk = 5;
    const rng = new Rng(4);
    const bands = randomBands(n, nk, rng, ['a', 'b', 'e', 'f'], 5);
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
    const bands = randomBands(n, nk, rng, ['b', 'e'], 3);
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
