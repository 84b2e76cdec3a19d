import { describe, expect, it } from 'vitest';
import { etdrk4Coefficients, etdrk4Scalar } from './etdrk4.js';

/** The ETDRK4 quotients evaluated directly (accurate away from z = 0). */
function direct(z: number, h: number): number[] {
  const e = Math.exp(z);
  return [
    e,
    Math.exp(z / 2),
    (h * (Math.exp(z / 2) - 1)) / z,
    (h * (-4 - z + e * (4 - 3 * z + z * z))) / z ** 3,
    (h * (2 + z + e * (z - 2))) / z ** 3,
    (h * (-4 - 3 * z - z * z + e * (4 - z))) / z ** 3,
  ];
}

describe('ETDRK4 contour-integral coefficients', () => {
  it('match the direct formulas where those are accurate', () => {
    for (const z of [-2, -5, -20, -80, 0.7]) {
      const c = etdrk4Scalar(z / 0.5, 0.5);
      const d = direct(z, 0.5);
      for (let i = 0; i < 6; i++) expect(Math.abs(c[i] - d[i])).toBeLessThan(1e-14 * Math.max(1, Math.abs(d[i])));
    }
  });

  it('have the Taylor limits at z = 0 (Q = h/2, f1 = f2 = f3 = h/6)', () => {
    const h = 1.3;
    const [E, E2, Q, f1, f2, f3] = etdrk4Scalar(0, h);
    expect(E).toBe(1);
    expect(E2).toBe(1);
    expect(Math.abs(Q - h / 2)).toBeLessThan(1e-15);
    for (const f of [f1, f2, f3]) expect(Math.abs(f - h / 6)).toBeLessThan(1e-15);
    // Near zero the direct formula loses digits; the contour value matches the series.
    const z = 1e-6;
    const [, , , g1] = etdrk4Scalar(z / h, h);
    expect(Math.abs(g1 - h * (1 / 6 + z / 6 + (3 * z * z) / 40))).toBeLessThan(1e-15);
  });

  it('vectorises over eigenvalues and rejects a bad step', () => {
    const c = etdrk4Coefficients(new Float64Array([0, -1, -10]), 1);
    expect(c.E[2]).toBeCloseTo(Math.exp(-10), 15);
    expect(c.f3.length).toBe(3);
    expect(() => etdrk4Coefficients([0], 0)).toThrow(/positive/);
  });
});
