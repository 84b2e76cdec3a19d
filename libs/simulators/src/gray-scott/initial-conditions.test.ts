import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { FOURIER_IC_POINTS, fourierIcBase, randomGaussians, sampleGrayScottIc, trigInterpolate } from './initial-conditions.js';
import { GRAY_SCOTT_PATTERNS } from './params.js';

describe('Gray–Scott initial conditions (docs/simulators.md §4.1)', () => {
  it('the trigonometric interpolant reproduces the coarse values and is band-limited', () => {
    const c = 8;
    const rng = new Rng(3);
    const grid = Float64Array.from({ length: c * c }, () => rng.uniform() - 0.5);
    const n = 32;
    const f = trigInterpolate(grid, c, n);
    const r = n / c;
    for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) expect(f[i * r * n + j * r]).toBeCloseTo(grid[i * c + j], 13);
    // Same size: the identity.
    const same = trigInterpolate(grid, c, c);
    for (let i = 0; i < c * c; i++) expect(same[i]).toBeCloseTo(grid[i], 13);
  });

  it('"gaussians" are periodic sums of 10–100 bumps, normalised to [0, 1]', () => {
    const n = 64;
    const g = randomGaussians(n, new Rng(11));
    // Periodic tiling: a bump centred anywhere has no seam, so the field is smooth across the edge.
    let jump = 0;
    let inner = 0;
    for (let j = 0; j < n; j++) {
      jump = Math.max(jump, Math.abs(g[(n - 1) * n + j] - g[j]));
      inner = Math.max(inner, Math.abs(g[(n / 2) * n + j] - g[(n / 2 - 1) * n + j]));
    }
    expect(jump).toBeLessThan(2 * inner + 1e-12);
    const ic = sampleGrayScottIc('gaussians', n, 0.03, 0.062, new Rng(5));
    for (const u of [ic.A, ic.B]) {
      expect(Math.min(...u)).toBe(0);
      expect(Math.max(...u)).toBeCloseTo(1, 14);
    }
  });

  it('"fourier" perturbs the upper "bubbles" fixed point, or (1, 0) with δ = 1 otherwise', () => {
    const bub = GRAY_SCOTT_PATTERNS.bubbles;
    const base = fourierIcBase(bub.F, bub.k);
    expect(base.meanA).toBeCloseTo(0.43038, 5);
    expect(base.meanB).toBeCloseTo(0.36015, 5);
    expect(base.deltaA).toBeCloseTo(0.9 * 0.43038, 5);
    expect(base.deltaB).toBeCloseTo(0.9 * 0.36015, 5);
    expect(fourierIcBase(0.03, 0.062)).toEqual({ meanA: 1, meanB: 0, deltaA: 1, deltaB: 1 });
    const n = 64;
    const ic = sampleGrayScottIc('fourier', n, bub.F, bub.k, new Rng(2));
    // At the 32 × 32 data points the interpolant equals the U(−½, ½) draws: |A − Ā| ≤ δ/4 there.
    const r = n / FOURIER_IC_POINTS;
    let spread = 0;
    for (let i = 0; i < n; i += r) {
      for (let j = 0; j < n; j += r) {
        expect(Math.abs(ic.A[i * n + j] - base.meanA)).toBeLessThanOrEqual(0.25 * base.deltaA + 1e-14);
        expect(Math.abs(ic.B[i * n + j] - base.meanB)).toBeLessThanOrEqual(0.25 * base.deltaB + 1e-14);
        spread = Math.max(spread, Math.abs(ic.B[i * n + j] - base.meanB));
      }
    }
    expect(spread).toBeGreaterThan(0.2 * base.deltaB);
    expect(FOURIER_IC_POINTS).toBe(32);
  });

  it('is deterministic for a seed and rejects an unknown family', () => {
    const a = sampleGrayScottIc('fourier', 32, 0.03, 0.062, new Rng(9));
    const b = sampleGrayScottIc('fourier', 32, 0.03, 0.062, new Rng(9));
    expect(a.A).toEqual(b.A);
    expect(a.B).toEqual(b.B);
    expect(() => sampleGrayScottIc('stripes' as never, 8, 0, 0, new Rng(1))).toThrow(/gaussians.*fourier/);
  });
});
