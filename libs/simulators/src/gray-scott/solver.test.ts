import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { GRAY_SCOTT_PATTERNS, GRAY_SCOTT_PATTERN_NAMES, grayScottFixedPoints, grayScottReaction, saddleNodeBound } from './params.js';
import { GrayScottSolver, grayScottDealiasMask } from './solver.js';

function uniform(n: number, value: number): Float64Array {
  return new Float64Array(n * n).fill(value);
}

function maxDiff(a: Float64Array, b: Float64Array | number): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - (typeof b === 'number' ? b : b[i])));
  return e;
}

/** Classical RK4 on the reaction ODE (docs/simulators.md §4.3 item 4). */
function rk4(A: number, B: number, F: number, k: number, T: number, h: number): [number, number] {
  const steps = Math.round(T / h);
  for (let s = 0; s < steps; s++) {
    const k1 = grayScottReaction(A, B, F, k);
    const k2 = grayScottReaction(A + (h / 2) * k1[0], B + (h / 2) * k1[1], F, k);
    const k3 = grayScottReaction(A + (h / 2) * k2[0], B + (h / 2) * k2[1], F, k);
    const k4 = grayScottReaction(A + h * k3[0], B + h * k3[1], F, k);
    A += (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    B += (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
  }
  return [A, B];
}

describe('Gray–Scott fixed points (docs/simulators.md §4.3 items 1–2)', () => {
  it('the trivial state A = 1, B = 0 stays exact for every pattern (and dealiasing rule)', () => {
    const n = 16;
    const rules = ['two-thirds', 'chebfun', 'none'] as const;
    for (const [p, name] of GRAY_SCOTT_PATTERN_NAMES.entries()) {
      const { F, k } = GRAY_SCOTT_PATTERNS[name];
      const s = new GrayScottSolver({ n, F, k, dealias: rules[p % 3] });
      s.setState(uniform(n, 1), uniform(n, 0));
      s.step(20);
      const { A, B } = s.getState();
      expect(maxDiff(A, 1)).toBe(0);
      expect(maxDiff(B, 0)).toBe(0);
    }
  });

  it('only "bubbles" has non-trivial fixed points, at the spec values', () => {
    const bounds = { gliders: 0.0452, maze: 0.0561, worms: 0.0624, spirals: 0.0491, spots: 0.0566 };
    for (const [name, bound] of Object.entries(bounds)) {
      const { F, k } = GRAY_SCOTT_PATTERNS[name as keyof typeof bounds];
      expect(saddleNodeBound(F)).toBeCloseTo(bound, 4);
      expect(grayScottFixedPoints(F, k)).toEqual([]);
    }
    const { F, k } = GRAY_SCOTT_PATTERNS.bubbles;
    const fps = grayScottFixedPoints(F, k);
    expect(fps.length).toBe(2);
    expect(fps[0].A).toBeCloseTo(0.43038, 5);
    expect(fps[0].B).toBeCloseTo(0.36015, 5);
    expect(fps[1].A).toBeCloseTo(0.56962, 5);
    expect(fps[1].B).toBeCloseTo(0.27211, 5);
    for (const p of fps) {
      const [ra, rb] = grayScottReaction(p.A, p.B, F, k);
      expect(Math.abs(ra) + Math.abs(rb)).toBeLessThan(1e-16);
    }
  });

  it('a uniform state at either "bubbles" fixed point stays there to 1e-12 over 100 steps', () => {
    const n = 16;
    const { F, k } = GRAY_SCOTT_PATTERNS.bubbles;
    for (const p of grayScottFixedPoints(F, k)) {
      const s = new GrayScottSolver({ n, F, k });
      s.setState(uniform(n, p.A), uniform(n, p.B));
      s.step(100);
      const { A, B } = s.getState();
      expect(maxDiff(A, p.A)).toBeLessThan(1e-12);
      expect(maxDiff(B, p.B)).toBeLessThan(1e-12);
    }
  });
});

describe('Gray–Scott dealiasing rules', () => {
  it('"two-thirds" removes |m| ≥ n/3 on either axis, "chebfun" only the corner band on both', () => {
    const n = 16;
    const at = (mask: Float64Array, mx: number, my: number) => mask[((mx + n) % n) * n + ((my + n) % n)];
    const two = grayScottDealiasMask(n, 'two-thirds');
    const cheb = grayScottDealiasMask(n, 'chebfun');
    const none = grayScottDealiasMask(n, 'none');
    expect([at(two, 5, 5), at(two, -5, 0), at(two, 6, 0), at(two, 0, -6)]).toEqual([1, 1, 0, 0]);
    // Chebfun: band |m| ≥ 16/2 − ⌈16/6⌉ = 5 on both axes.
    expect([at(cheb, 5, 5), at(cheb, -5, 7), at(cheb, 5, 4), at(cheb, 7, 0), at(cheb, 0, -7)]).toEqual([0, 0, 1, 1, 1]);
    expect(at(none, 7, 7)).toBe(1);
    for (const mask of [two, cheb, none]) expect([at(mask, 8, 0), at(mask, 1, 8)]).toEqual([0, 0]);
    expect(() => grayScottDealiasMask(n, 'half' as never)).toThrow(/two-thirds/);
  });
});

describe('Gray–Scott exact and reference solutions', () => {
  it('pure diffusion (F = k = 0, B = 0) decays exactly as exp(−δA π² t) for any dt (§4.3 item 3)', () => {
    const n = 32;
    const eps = 0.3;
    const A0 = new Float64Array(n * n);
    const profile = (i: number) => Math.cos(Math.PI * (-1 + (2 * i) / n));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A0[i * n + j] = 1 + eps * profile(i);
    for (const dt of [1, 7, 250]) {
      const s = new GrayScottSolver({ n, F: 0, k: 0, dt });
      s.setState(A0, uniform(n, 0));
      s.step(10);
      const { A, B } = s.getState();
      const decay = Math.exp(-2e-5 * Math.PI ** 2 * s.t);
      let e = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) e = Math.max(e, Math.abs(A[i * n + j] - 1 - eps * decay * profile(i)));
      expect(e).toBeLessThan(1e-14);
      expect(maxDiff(B, 0)).toBeLessThan(1e-15);
    }
  });

  it('a spatially uniform state follows the reaction ODE (RK4 reference, dt = 1e-3) to 1e-8 (§4.3 item 4)', () => {
    const n = 8;
    const { F, k } = GRAY_SCOTT_PATTERNS.spots;
    const [Aref, Bref] = rk4(0.5, 0.4, F, k, 100, 1e-3);
    const s = new GrayScottSolver({ n, F, k, dt: 0.25 });
    s.setState(uniform(n, 0.5), uniform(n, 0.4));
    s.step(400);
    const { A, B } = s.getState();
    expect(maxDiff(A, Aref)).toBeLessThan(1e-8);
    expect(maxDiff(B, Bref)).toBeLessThan(1e-8);
    // The trajectory moved far from its start, so this is not a trivial agreement.
    expect(Math.abs(Aref - 0.5)).toBeGreaterThan(0.3);
  });

  it('is fourth order in time: error vs dt = 1/16 at t = 20 falls ~16× per halving of dt (§4.3 item 5)', () => {
    const n = 32;
    const { F, k } = GRAY_SCOTT_PATTERNS.spots;
    const A0 = new Float64Array(n * n);
    const B0 = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = -1 + (2 * i) / n;
        const y = -1 + (2 * j) / n;
        A0[i * n + j] = 0.6 + 0.3 * Math.cos(Math.PI * x) * Math.sin(2 * Math.PI * y);
        B0[i * n + j] = 0.25 + 0.2 * Math.sin(Math.PI * x + 0.3) * Math.cos(Math.PI * y);
      }
    }
    // Diffusivities ×100 so that the linear (exponential) part matters too.
    const run = (dt: number) => {
      const s = new GrayScottSolver({ n, F, k, dt, deltaA: 2e-3, deltaB: 1e-3 });
      s.setState(A0, B0);
      s.step(Math.round(20 / dt));
      return s.getState();
    };
    const ref = run(1 / 16);
    const errors = [1, 0.5, 0.25].map((dt) => {
      const r = run(dt);
      return Math.max(maxDiff(r.A, ref.A), maxDiff(r.B, ref.B));
    });
    const ratios = [errors[0] / errors[1], errors[1] / errors[2]];
    for (const r of ratios) {
      expect(r).toBeGreaterThan(12);
      expect(r).toBeLessThan(20);
    }
  });
});

describe('Gray–Scott pattern formation (§4.3 item 6, issue: variance grows, stays bounded)', () => {
  it('a local seed in the homogeneous state (1, 0) grows into a bounded "maze" pattern', () => {
    // 32² on a [−½, ½)² box: the same grid spacing as 64² on The Well's [−1, 1)².
    const n = 32;
    const { F, k } = GRAY_SCOTT_PATTERNS.maze;
    const rng = new Rng(7);
    const A0 = uniform(n, 1);
    const B0 = uniform(n, 0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (Math.abs(i - n / 2) < 3 && Math.abs(j - n / 2) < 3) {
          A0[i * n + j] = 0.5 + 0.01 * rng.normal();
          B0[i * n + j] = 0.25 + 0.01 * rng.normal();
        }
      }
    }
    const stats = (B: Float64Array) => {
      let mean = 0;
      let active = 0;
      for (const b of B) {
        mean += b;
        if (b > 0.1) active++;
      }
      mean /= B.length;
      let v = 0;
      for (const b of B) v += (b - mean) ** 2;
      return { variance: v / B.length, active: active / B.length };
    };
    const s = new GrayScottSolver({ n, F, k, length: 1 });
    s.setState(A0, B0);
    const start = stats(B0);
    s.step(1000);
    const { A, B } = s.getState();
    const end = stats(B);
    expect(end.variance).toBeGreaterThan(3 * start.variance);
    expect(end.active).toBeGreaterThan(4 * start.active);
    for (let i = 0; i < n * n; i++) {
      expect(A[i]).toBeGreaterThan(-0.05);
      expect(A[i]).toBeLessThan(1.05);
      expect(B[i]).toBeGreaterThan(-0.05);
      expect(B[i]).toBeLessThan(1);
    }
  });
});
