import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { applyInitialCondition, laxLiuInitialCondition, sampleMultiQuadrant, stateAt } from './initial-conditions.js';
import { laxLiuConfig } from './lax-liu.js';
import { EulerSolver } from './solver.js';

describe('multi-quadrant initial conditions (docs/simulators.md §2.3)', () => {
  it('draws 1–3 splits per axis in [0.1, 0.9] with gaps >= 0.1 and states in the documented ranges', () => {
    const rng = new Rng(11);
    const splitCounts = new Set<number>();
    for (let s = 0; s < 400; s++) {
      const ic = sampleMultiQuadrant(rng);
      expect(ic.laxLiu).toBe(0);
      for (const splits of [ic.xSplits, ic.ySplits]) {
        splitCounts.add(splits.length);
        expect(splits.length).toBeGreaterThanOrEqual(1);
        expect(splits.length).toBeLessThanOrEqual(3);
        splits.forEach((x, k) => {
          expect(x).toBeGreaterThanOrEqual(0.1);
          expect(x).toBeLessThanOrEqual(0.9);
          if (k > 0) expect(x - splits[k - 1]!).toBeGreaterThanOrEqual(0.1);
        });
      }
      expect(ic.states).toHaveLength((ic.xSplits.length + 1) * (ic.ySplits.length + 1));
      for (const [rho, u, v, p] of ic.states) {
        expect(rho).toBeGreaterThanOrEqual(0.1);
        expect(rho).toBeLessThan(2);
        expect(p).toBeGreaterThanOrEqual(0.1);
        expect(p).toBeLessThan(2);
        expect(Math.abs(u)).toBeLessThanOrEqual(1);
        expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }
    }
    expect([...splitCounts].sort()).toEqual([1, 2, 3]);
  });

  it('is deterministic for a seed and snaps about laxLiuFraction of the samples to Lax–Liu states', () => {
    expect(sampleMultiQuadrant(new Rng('a'), { laxLiuFraction: 0.3 })).toEqual(sampleMultiQuadrant(new Rng('a'), { laxLiuFraction: 0.3 }));
    const rng = new Rng(5);
    let snapped = 0;
    for (let s = 0; s < 1000; s++) {
      const ic = sampleMultiQuadrant(rng, { laxLiuFraction: 0.3 });
      if (ic.laxLiu) {
        snapped++;
        const c = laxLiuConfig(ic.laxLiu);
        expect(ic.states).toEqual([c.q3, c.q2, c.q4, c.q1]);
      }
    }
    expect(snapped).toBeGreaterThan(250); // Binomial(1000, 0.3): mean 300, sd 14.5
    expect(snapped).toBeLessThan(350);
  });

  it('maps points to rectangles with Q1 = (x > split, y > split)', () => {
    const ic = laxLiuInitialCondition(3, 0.3, 0.7);
    const c = laxLiuConfig(3);
    expect(stateAt(ic, 0.2, 0.8)).toBe(c.q2);
    expect(stateAt(ic, 0.2, 0.5)).toBe(c.q3);
    expect(stateAt(ic, 0.5, 0.5)).toBe(c.q4);
    expect(stateAt(ic, 0.3, 0.7)).toBe(c.q1); // on both lines: upper rectangle
  });

  it('rejects inconsistent options and ICs', () => {
    expect(() => sampleMultiQuadrant(new Rng(1), { minSplits: 0 })).toThrow(/minSplits/);
    expect(() => sampleMultiQuadrant(new Rng(1), { laxLiuFraction: 2 })).toThrow(/laxLiuFraction/);
    expect(() => sampleMultiQuadrant(new Rng(1), { minSplits: 10, maxSplits: 10 })).toThrow(/do not fit/);
    const tight = sampleMultiQuadrant(new Rng(1), { minSplits: 9, maxSplits: 9 }).xSplits; // exactly fits
    tight.forEach((x, k) => expect(x).toBeCloseTo(0.1 + 0.1 * k, 12));
    const s = new EulerSolver({ nx: 4, ny: 4, gamma: 1.4, boundary: 'open' });
    expect(() => applyInitialCondition(s, { xSplits: [0.5], ySplits: [], states: [[1, 0, 0, 1]], laxLiu: 0 })).toThrow(
      /1 states for 2 rectangles/,
    );
  });

  it('random multi-quadrant runs stay positive to t = 1.5 (24², open and periodic)', () => {
    const rng = new Rng('positivity');
    for (const boundary of ['open', 'periodic'] as const) {
      for (let s = 0; s < 3; s++) {
        const s0 = new EulerSolver({ nx: 24, ny: 24, gamma: [1.13, 1.4, 1.76][s]!, boundary });
        applyInitialCondition(s0, sampleMultiQuadrant(rng));
        s0.advanceTo(1.5); // stableDt() throws SimulationDivergedError on a non-positive or NaN cell
        let minRho = Infinity;
        let minP = Infinity;
        for (let i = 0; i < 24; i++) {
          for (let j = 0; j < 24; j++) {
            minRho = Math.min(minRho, s0.rho[s0.index(i, j)]!);
            minP = Math.min(minP, s0.pressure(i, j));
          }
        }
        expect(minRho).toBeGreaterThan(0);
        expect(minP).toBeGreaterThan(0);
      }
    }
  });
});
