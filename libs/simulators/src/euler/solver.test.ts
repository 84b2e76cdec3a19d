import { describe, expect, it } from 'vitest';
import { solveRiemann, type RiemannState } from './exact-riemann.js';
import { EulerSolver } from './solver.js';

/** Riemann problem on an n×4 strip (axis 'x') or a 4×n strip (axis 'y'), square cells, open BCs. */
function strip(n: number, left: RiemannState, right: RiemannState, t: number, axis: 'x' | 'y' = 'x', limiter: 'mc' | 'minmod' = 'mc') {
  const alongX = axis === 'x';
  const s = new EulerSolver({
    nx: alongX ? n : 4,
    ny: alongX ? 4 : n,
    lx: alongX ? 1 : 4 / n,
    ly: alongX ? 4 / n : 1,
    gamma: 1.4,
    boundary: 'open',
    limiter,
  });
  s.setState((x, y) => {
    const st = (alongX ? x : y) < 0.5 ? left : right;
    return alongX ? [st.rho, st.u, 0, st.p] : [st.rho, 0, st.u, st.p];
  });
  s.advanceTo(t);
  const exact = solveRiemann(left, right, 1.4);
  const rho = new Float64Array(n);
  const p = new Float64Array(n);
  const un = new Float64Array(n);
  let l1 = 0;
  for (let i = 0; i < n; i++) {
    const k = alongX ? s.index(i, 1) : s.index(1, i);
    rho[i] = s.rho[k]!;
    un[i] = (alongX ? s.mx[k]! : s.my[k]!) / s.rho[k]!;
    p[i] = alongX ? s.pressure(i, 1) : s.pressure(1, i);
    l1 += Math.abs(rho[i]! - exact.sample(((i + 0.5) / n - 0.5) / t).rho) / n;
  }
  return { l1, rho, p, un, solver: s };
}

const SOD: [RiemannState, RiemannState] = [
  { rho: 1, u: 0, p: 1 },
  { rho: 0.125, u: 0, p: 0.1 },
];

describe('EulerSolver (MUSCL-MC + HLLC + SSP-RK2), docs/simulators.md §2.5', () => {
  it('Sod: L1(rho) < 2e-3 at N = 400 (MC), < 3e-3 (minmod), and falls >= 1.6x per doubling', () => {
    const e = [100, 200, 400].map((n) => strip(n, SOD[0], SOD[1], 0.2).l1);
    expect(e[2]).toBeLessThan(2e-3);
    expect(e[0]! / e[1]!).toBeGreaterThanOrEqual(1.6);
    expect(e[1]! / e[2]!).toBeGreaterThanOrEqual(1.6);
    // Prototype values: 4.96e-3 / 2.58e-3 / 1.44e-3.
    expect(e[0]).toBeGreaterThan(3e-3);
    expect(strip(400, SOD[0], SOD[1], 0.2, 'x', 'minmod').l1).toBeLessThan(3e-3);
  });

  it('Sod along y is bit-identical to Sod along x', () => {
    const a = strip(200, SOD[0], SOD[1], 0.2, 'x');
    const b = strip(200, SOD[0], SOD[1], 0.2, 'y');
    expect(b.solver.steps).toBe(a.solver.steps);
    expect(Array.from(b.rho)).toEqual(Array.from(a.rho));
    expect(Array.from(b.p)).toEqual(Array.from(a.p));
    expect(Array.from(b.un)).toEqual(Array.from(a.un));
  });

  it('Lax problem: L1 error and the star plateaus against the exact solution', () => {
    const left = { rho: 0.445, u: 0.698, p: 3.528 };
    const right = { rho: 0.5, u: 0, p: 0.571 };
    const t = 0.14;
    const n = 200;
    const r = strip(n, left, right, t);
    const ex = solveRiemann(left, right, 1.4);
    expect(r.l1).toBeLessThan(1.3e-2);
    const cell = (x: number) => Math.floor(x * n);
    const midL = cell(0.5 + t * 0.5 * (ex.leftTail + ex.uStar)); // between the fan tail and the contact
    const midR = cell(0.5 + t * 0.5 * (ex.uStar + ex.rightHead)); // between the contact and the shock
    expect(Math.abs(r.rho[midL]! / ex.rhoStarL - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.rho[midR]! / ex.rhoStarR - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.p[midR]! / ex.pStar - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.un[midR]! / ex.uStar - 1)).toBeLessThan(0.01);
  });

  it("Toro's 123 problem stays positive and converges", () => {
    const left = { rho: 1, u: -2, p: 0.4 };
    const right = { rho: 1, u: 2, p: 0.4 };
    const r = strip(400, left, right, 0.15);
    expect(Math.min(...r.p)).toBeGreaterThan(0);
    expect(Math.min(...r.rho)).toBeGreaterThan(0);
    expect(r.l1).toBeLessThan(2.5e-3);
  });

  it('periodic boundaries conserve mass, momentum and energy to < 1e-12 (relative)', () => {
    const s = new EulerSolver({ nx: 48, ny: 40, gamma: 1.3, boundary: 'periodic' });
    s.setState((x, y) => [
      1 + 0.5 * Math.sin(2 * Math.PI * x) * (y > 0.3 ? 1 : 0.2),
      x < 0.6 ? 0.7 : -0.2,
      y < 0.4 ? 0.5 : -0.6,
      x + y < 1 ? 1.5 : 0.3,
    ]);
    const before = s.totals();
    s.advanceTo(0.3);
    const after = s.totals();
    expect(s.steps).toBeGreaterThan(50);
    for (let c = 0; c < 4; c++) {
      const scale = c === 0 || c === 3 ? Math.abs(before[c]) : Math.abs(before[0]); // momenta relative to mass
      expect(Math.abs(after[c] - before[c]) / scale).toBeLessThan(1e-12);
    }
  });

  it('a uniform state stays uniform (at rest and moving, open and periodic)', () => {
    for (const boundary of ['open', 'periodic'] as const) {
      for (const [u, v] of [
        [0, 0],
        [0.6, -0.3],
      ]) {
        const s = new EulerSolver({ nx: 16, ny: 12, gamma: 1.597, boundary });
        s.setState(() => [0.7, u, v, 1.3]);
        const r0 = s.rho[s.index(3, 3)]!;
        const e0 = s.en[s.index(3, 3)]!;
        s.advanceTo(0.2);
        for (let i = 0; i < 16; i++) {
          for (let j = 0; j < 12; j++) {
            const k = s.index(i, j);
            expect(Math.abs(s.rho[k]! - r0)).toBeLessThanOrEqual(1e-15);
            expect(Math.abs(s.en[k]! - e0)).toBeLessThanOrEqual(1e-15);
            expect(Math.abs(s.mx[k]! - 0.7 * u)).toBeLessThanOrEqual(1e-15);
          }
        }
      }
    }
  });

  it('advanceTo lands exactly on the requested times', () => {
    const s = new EulerSolver({ nx: 8, ny: 8, gamma: 1.4, boundary: 'open' });
    s.setState((x) => (x < 0.5 ? [1, 0, 0, 1] : [0.125, 0, 0, 0.1]));
    for (let k = 1; k <= 5; k++) {
      s.advanceTo(k * 0.015);
      expect(s.t).toBe(k * 0.015);
    }
  });

  it('flipping x with u -> -u flips the solution; transposing the IC transposes it', () => {
    const f = (x: number, y: number): [number, number, number, number] => [
      x < 0.3 ? 1.2 : y < 0.6 ? 0.4 : 0.9,
      x < 0.7 ? 0.3 : -0.5,
      y < 0.5 ? 0.2 : -0.4,
      x + 2 * y < 1.2 ? 1.6 : 0.5,
    ];
    const base = new EulerSolver({ nx: 20, ny: 20, gamma: 1.4, boundary: 'open' });
    base.setState(f);
    const flip = new EulerSolver({ nx: 20, ny: 20, gamma: 1.4, boundary: 'open' });
    flip.setState((x, y) => {
      const [r, u, v, p] = f(1 - x, y);
      return [r, -u, v, p];
    });
    const tr = new EulerSolver({ nx: 20, ny: 20, gamma: 1.4, boundary: 'open' });
    tr.setState((x, y) => {
      const [r, u, v, p] = f(y, x);
      return [r, v, u, p];
    });
    for (const s of [base, flip, tr]) s.advanceTo(0.1);
    let flipErr = 0;
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const a = base.index(i, j);
        const b = base.index(19 - i, j);
        const c = base.index(j, i);
        flipErr = Math.max(
          flipErr,
          Math.abs(base.rho[a]! - flip.rho[b]!),
          Math.abs(base.mx[a]! + flip.mx[b]!),
          Math.abs(base.en[a]! - flip.en[b]!),
        );
        expect(tr.rho[c]).toBe(base.rho[a]);
        expect(tr.my[c]).toBe(base.mx[a]);
        expect(tr.en[c]).toBe(base.en[a]);
      }
    }
    expect(flipErr).toBeLessThan(1e-12);
  });

  it('rejects bad options and reports non-physical states', () => {
    expect(() => new EulerSolver({ nx: 1, ny: 8, gamma: 1.4, boundary: 'open' })).toThrow(/nx and ny/);
    expect(() => new EulerSolver({ nx: 8, ny: 8, gamma: 1, boundary: 'open' })).toThrow(/gamma/);
    expect(() => new EulerSolver({ nx: 8, ny: 8, gamma: 1.4, boundary: 'wall' as never })).toThrow(/boundary/);
    const s = new EulerSolver({ nx: 8, ny: 8, gamma: 1.4, boundary: 'open' });
    s.setState(() => [1, 0, 0, 1]);
    s.setPrimitive(2, 5, 1, 0, 0, -1);
    expect(() => s.stableDt()).toThrow(/cell \(2, 5\)/);
  });
});
