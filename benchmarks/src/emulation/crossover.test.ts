import { describe, expect, it } from 'vitest';
import { crossoverResolution, describeCrossover, type CostPoint } from './crossover.js';

const curve = (f: (n: number) => number, ns = [64, 128, 256]): CostPoint[] =>
  ns.map((resolution) => ({ resolution, seconds: f(resolution) }));

describe('crossoverResolution', () => {
  it('interpolates in log-log between the measured resolutions (exact for power laws)', () => {
    // sim = (N/100)^3, DM = (N/100)^2: equal at N = 100, DM dearer at 64, cheaper at 128.
    const c = crossoverResolution(
      curve((n) => (n / 100) ** 2),
      curve((n) => (n / 100) ** 3),
    );
    expect(c.kind).toBe('between');
    if (c.kind !== 'between') return;
    expect(c.resolution).toBeCloseTo(100, 9);
    expect([c.from, c.to]).toEqual([64, 128]);
    expect(describeCrossover(c, [64, 128, 256])).toContain('≈ 100²');
  });

  it('takes the first sign change, whatever the order of the points', () => {
    const dm = curve((n) => (n / 200) ** 2).reverse();
    const c = crossoverResolution(
      dm,
      curve((n) => (n / 200) ** 3),
    );
    expect(c).toMatchObject({ kind: 'between', from: 128, to: 256 });
    expect((c as { resolution: number }).resolution).toBeCloseTo(200, 9);
  });

  it('reports a DM already cheaper at the smallest resolution', () => {
    expect(
      crossoverResolution(
        curve((n) => n * 1e-6),
        curve((n) => n * 1e-3),
      ),
    ).toEqual({ kind: 'below-range', resolution: 64 });
  });

  it('extrapolates beyond the range when the simulator grows faster', () => {
    const c = crossoverResolution(
      curve((n) => (n / 1000) ** 2),
      curve((n) => (n / 1000) ** 3),
    );
    expect(c.kind).toBe('extrapolated');
    if (c.kind !== 'extrapolated') return;
    expect(c.resolution).toBeCloseTo(1000, 6);
    expect(c.dmSlope).toBeCloseTo(2, 12);
    expect(c.simSlope).toBeCloseTo(3, 12);
    expect(describeCrossover(c, [64, 128, 256])).toMatch(/≈ 1000².*beyond the measured range/);
  });

  it('says when the DM grows at least as fast and never crosses', () => {
    const c = crossoverResolution(
      curve((n) => n ** 4),
      curve((n) => n ** 3 * 1e-3),
    );
    expect(c.kind).toBe('not-reached');
    if (c.kind !== 'not-reached') return;
    expect(c.dmSlope).toBeCloseTo(4, 12);
    expect(describeCrossover(c, [64, 128, 256])).toContain('no crossover ahead');
  });

  it('handles a single common resolution and no overlap', () => {
    expect(
      crossoverResolution(
        [{ resolution: 64, seconds: 2 }],
        [
          { resolution: 64, seconds: 1 },
          { resolution: 128, seconds: 8 },
        ],
      ),
    ).toEqual({ kind: 'beyond', largest: 64 });
    expect(crossoverResolution([{ resolution: 64, seconds: 2 }], [{ resolution: 128, seconds: 1 }])).toEqual({ kind: 'no-data' });
  });
});
