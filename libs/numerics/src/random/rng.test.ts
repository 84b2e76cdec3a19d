import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma.js';
import { Rng } from './rng.js';

/** Raw moments E[x], E[x²], E[x³] of a sample. */
function moments(x: Float64Array): [number, number, number] {
  const mean = (f: (v: number) => number) => x.reduce((a, v) => a + f(v), 0) / x.length;
  return [mean((v) => v), mean((v) => v * v), mean((v) => v * v * v)];
}

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42),
      b = new Rng(42),
      c = new Rng(43);
    const xa = Array.from({ length: 8 }, () => a.nextUint32());
    const xb = Array.from({ length: 8 }, () => b.nextUint32());
    const xc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    expect(new Rng('abc').uniform()).toBe(new Rng('abc').uniform());
  });

  it('draws uniforms with the right mean and variance', () => {
    const r = new Rng(1);
    const n = 200_000;
    const u = Float64Array.from({ length: n }, () => r.uniform());
    const [m1, m2] = moments(u);
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(m1 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(m2 - m1 ** 2 - 1 / 12)).toBeLessThan(2e-3);
  });

  it('draws normals with mean 0, variance 1 and zero skew', () => {
    const r = new Rng(2);
    const n = 200_000;
    const [m1, m2, m3] = moments(Float64Array.from({ length: n }, () => r.normal()));
    expect(Math.abs(m1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(0.015);
    expect(Math.abs(m3)).toBeLessThan(0.03);
  });

  it('draws Poisson counts with the exact pmf (small and large lambda)', () => {
    const r = new Rng(3);
    for (const lambda of [1, 4.5, 50]) {
      const n = 100_000;
      const counts = new Map<number, number>();
      let s = 0,
        s2 = 0,
        valid = true;
      for (let i = 0; i < n; i++) {
        const k = r.poisson(lambda);
        valid &&= Number.isInteger(k) && k >= 0;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        s += k;
        s2 += k * k;
      }
      expect(valid).toBe(true);
      const mean = s / n;
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(Math.abs(s2 / n - mean * mean - lambda) / lambda).toBeLessThan(0.03);
      const mode = Math.floor(lambda);
      const pmf = Math.exp(-lambda + mode * Math.log(lambda) - logGamma(mode + 1));
      const freq = (counts.get(mode) ?? 0) / n;
      expect(Math.abs(freq - pmf)).toBeLessThan(5 * Math.sqrt(pmf / n));
    }
  });

  it('int is unbiased over a non-power-of-two range', () => {
    const r = new Rng(4);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('forks reproducible independent streams and shuffles to permutations', () => {
    const a = new Rng(5).fork('traj-1'),
      b = new Rng(5).fork('traj-1'),
      c = new Rng(5).fork('traj-2');
    expect(a.uniform()).toBe(b.uniform());
    expect(new Rng(5).fork('traj-1').uniform()).not.toBe(c.uniform());
    const p = new Rng(6).shuffle([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...p].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects bad arguments with clear errors', () => {
    const r = new Rng(0);
    expect(() => r.int(0)).toThrow(/n must be an integer/);
    expect(() => r.poisson(-1)).toThrow(/lambda/);
    expect(() => new Rng(NaN)).toThrow(/seed/);
  });
});
