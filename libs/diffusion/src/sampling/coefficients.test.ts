import { describe, expect, it } from 'vitest';
import { logLogitSchedule } from '../schedules/index.js';
import { abStepCoefficients, adamsBashforthWeights, solveLinear } from './coefficients.js';
import { sigmaGrid } from './grid.js';

/** Independent float64 reference: integrate each Lagrange basis polynomial exactly (expanded product). */
function lagrangeIntegrals(nodes: number[], a: number, b: number): number[] {
  return nodes.map((xj, j) => {
    let poly = [1]; // coefficients, ascending powers
    let denom = 1;
    nodes.forEach((xm, m) => {
      if (m === j) return;
      const next = new Array<number>(poly.length + 1).fill(0);
      poly.forEach((c, k) => {
        next[k + 1]! += c;
        next[k]! -= c * xm;
      });
      poly = next;
      denom *= xj - xm;
    });
    return poly.reduce((s, c, k) => s + (c * (b ** (k + 1) - a ** (k + 1))) / (k + 1), 0) / denom;
  });
}

describe('Adams–Bashforth coefficients (docs/method.md §7)', () => {
  it('solveLinear solves a pivoting-needing system', () => {
    const x = solveLinear(
      [
        [0, 2, 1],
        [1, 1, 1],
        [2, 1, 0],
      ],
      [7, 6, 4],
    );
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(2, 14);
    expect(x[2]).toBeCloseTo(3, 14);
    expect(() =>
      solveLinear(
        [
          [1, 1],
          [1, 1],
        ],
        [1, 2],
      ),
    ).toThrow(/singular/);
  });

  it('give the classic uniform-step AB1..AB3 weights', () => {
    const h = 0.1;
    expect(adamsBashforthWeights([1], 1, 1 + h)[0]).toBeCloseTo(h, 15);
    const ab2 = adamsBashforthWeights([1 - h, 1], 1, 1 + h);
    expect(ab2[0]! / h).toBeCloseTo(-1 / 2, 12);
    expect(ab2[1]! / h).toBeCloseTo(3 / 2, 12);
    const ab3 = adamsBashforthWeights([1 - 2 * h, 1 - h, 1], 1, 1 + h);
    expect(ab3[0]! / h).toBeCloseTo(5 / 12, 12);
    expect(ab3[1]! / h).toBeCloseTo(-16 / 12, 12);
    expect(ab3[2]! / h).toBeCloseTo(23 / 12, 12);
  });

  it('match an exact Lagrange-integral reference on the 16-step log-logit σ grid', () => {
    const grid = sigmaGrid(logLogitSchedule(), 16);
    let worst = 0;
    for (let i = 0; i < 16; i++) {
      const c = abStepCoefficients(grid, i, 3);
      const n = Math.min(3, i + 1);
      expect(c.length).toBe(n);
      const ref = lagrangeIntegrals(grid.slice(i - n + 1, i + 1), grid[i]!, grid[i + 1]!);
      c.forEach((v, j) => {
        const rel = Math.abs(v - ref[j]!) / Math.max(Math.abs(ref[j]!), 1e-12);
        worst = Math.max(worst, rel);
      });
      // Weights sum to the step length (exact for constants).
      expect(c.reduce((s, v) => s + v, 0)).toBeCloseTo(grid[i + 1]! - grid[i]!, 10);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('integrate quadratics exactly on a non-uniform grid', () => {
    const nodes = [5, 3.2, 2.1];
    const c = adamsBashforthWeights(nodes, 2.1, 1.3);
    const f = (u: number) => 2 - 3 * u + 0.7 * u * u;
    const F = (u: number) => 2 * u - 1.5 * u * u + (0.7 / 3) * u ** 3;
    expect(c.reduce((s, w, j) => s + w * f(nodes[j]!), 0)).toBeCloseTo(F(1.3) - F(2.1), 12);
  });
});
