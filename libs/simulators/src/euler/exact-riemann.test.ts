import { describe, expect, it } from 'vitest';
import { solveRiemann } from './exact-riemann.js';

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

describe('solveRiemann (Toro ch. 4) against docs/simulators.md §2.5 / §5', () => {
  it('Sod: star state, wave speeds and positions at t = 0.2 to 1e-5', () => {
    const s = solveRiemann({ rho: 1, u: 0, p: 1 }, { rho: 0.125, u: 0, p: 0.1 }, 1.4);
    close(s.pStar, 0.30313, 1e-5);
    close(s.uStar, 0.927453, 1e-5);
    close(s.rhoStarL, 0.426319, 1e-5);
    close(s.rhoStarR, 0.265574, 1e-5);
    close(s.leftHead, -1.183216, 1e-5);
    close(s.leftTail, -0.070273, 1e-5);
    close(s.rightHead, 1.752156, 1e-5);
    close(s.rightTail, 1.752156, 1e-5);
    for (const [speed, x] of [
      [s.leftHead, 0.26336],
      [s.leftTail, 0.48595],
      [s.uStar, 0.68549],
      [s.rightHead, 0.85043],
    ] as const)
      close(0.5 + 0.2 * speed, x, 1e-5);
    // Sampling: constant states outside the fan, continuous across the fan edges.
    expect(s.sample(-2)).toEqual({ rho: 1, u: 0, p: 1 });
    expect(s.sample(2)).toEqual({ rho: 0.125, u: 0, p: 0.1 });
    close(s.sample(s.leftHead + 1e-12).rho, 1, 1e-9);
    close(s.sample(s.leftTail - 1e-12).rho, s.rhoStarL, 1e-9);
    close(s.sample(s.leftTail - 1e-12).u, s.uStar, 1e-9);
    close(s.sample(0.5 * (s.uStar + s.rightHead)).rho, s.rhoStarR, 0);
  });

  it('Lax problem', () => {
    const s = solveRiemann({ rho: 0.445, u: 0.698, p: 3.528 }, { rho: 0.5, u: 0, p: 0.571 }, 1.4);
    close(s.pStar, 2.466098, 1e-5);
    close(s.uStar, 1.528723, 1e-5);
    close(s.rhoStarL, 0.344568, 1e-5);
    close(s.rhoStarR, 1.304085, 1e-5);
  });

  it("Toro's 123 problem (two strong rarefactions)", () => {
    const s = solveRiemann({ rho: 1, u: -2, p: 0.4 }, { rho: 1, u: 2, p: 0.4 }, 1.4);
    close(s.pStar, 0.001894, 1e-6);
    close(s.uStar, 0, 1e-12);
    close(s.rhoStarL, 0.021852, 1e-6);
    close(s.rhoStarR, 0.021852, 1e-6);
  });

  it('modified Sod (u_L = 0.75)', () => {
    const s = solveRiemann({ rho: 1, u: 0.75, p: 1 }, { rho: 0.125, u: 0, p: 0.1 }, 1.4);
    close(s.pStar, 0.466294, 1e-5);
    close(s.uStar, 1.360906, 1e-5);
  });

  it('rejects vacuum-generating data and non-physical states', () => {
    expect(() => solveRiemann({ rho: 1, u: -10, p: 0.4 }, { rho: 1, u: 10, p: 0.4 }, 1.4)).toThrow(/vacuum/);
    expect(() => solveRiemann({ rho: -1, u: 0, p: 1 }, { rho: 1, u: 0, p: 1 }, 1.4)).toThrow(/left state/);
  });
});
