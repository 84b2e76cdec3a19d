import { describe, expect, it } from 'vitest';
import { solveRiemann, type RiemannSolution } from './exact-riemann.js';

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

type StarState = Partial<Pick<RiemannSolution, 'pStar' | 'uStar' | 'rhoStarL' | 'rhoStarR'>>;

/**
 * Star states of classic Riemann problems at γ = 1.4 (docs/simulators.md §2.5 / §5): name, (ρ, u, p)
 * left and right, expected star state, absolute tolerance.
 */
const STAR_CASES: [string, [number, number, number], [number, number, number], StarState, number][] = [
  ['Sod', [1, 0, 1], [0.125, 0, 0.1], { pStar: 0.30313, uStar: 0.927453, rhoStarL: 0.426319, rhoStarR: 0.265574 }, 1e-5],
  ['Lax', [0.445, 0.698, 3.528], [0.5, 0, 0.571], { pStar: 2.466098, uStar: 1.528723, rhoStarL: 0.344568, rhoStarR: 1.304085 }, 1e-5],
  ["Toro's 123 (two strong rarefactions)", [1, -2, 0.4], [1, 2, 0.4], { pStar: 0.001894, rhoStarL: 0.021852, rhoStarR: 0.021852 }, 1e-6],
  ['modified Sod (u_L = 0.75)', [1, 0.75, 1], [0.125, 0, 0.1], { pStar: 0.466294, uStar: 1.360906 }, 1e-5],
];
const state = ([rho, u, p]: [number, number, number]) => ({ rho, u, p });

describe('solveRiemann (Toro ch. 4) against docs/simulators.md §2.5 / §5', () => {
  it('Sod: wave speeds and positions at t = 0.2 to 1e-5', () => {
    const s = solveRiemann({ rho: 1, u: 0, p: 1 }, { rho: 0.125, u: 0, p: 0.1 }, 1.4);
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

  it.each(STAR_CASES)('%s: star state', (_name, left, right, star, tol) => {
    const s = solveRiemann(state(left), state(right), 1.4);
    for (const key of Object.keys(star) as (keyof StarState)[]) close(s[key], star[key]!, tol);
  });

  it("Toro's 123 problem is symmetric: u* = 0", () => {
    close(solveRiemann({ rho: 1, u: -2, p: 0.4 }, { rho: 1, u: 2, p: 0.4 }, 1.4).uStar, 0, 1e-12);
  });

  it('rejects vacuum-generating data and non-physical states', () => {
    expect(() => solveRiemann({ rho: 1, u: -10, p: 0.4 }, { rho: 1, u: 10, p: 0.4 }, 1.4)).toThrow(/vacuum/);
    expect(() => solveRiemann({ rho: -1, u: 0, p: 1 }, { rho: 1, u: 0, p: 1 }, 1.4)).toThrow(/left state/);
  });
});
