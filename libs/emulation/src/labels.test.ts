import { describe, expect, it } from 'vitest';
import { buildLabel, datasetLogsScalars } from './labels.js';

describe('labels (docs/method.md §5)', () => {
  it('Euler: γ raw then 4 BC codes', () => {
    const l = buildLabel(
      [['gamma', 1.4]],
      [
        [2, 2],
        [2, 2],
      ],
      { logScalars: datasetLogsScalars('euler_multi_quadrants_periodicBC') },
    );
    expect(Array.from(l)).toEqual([Math.fround(1.4), 2, 2, 2, 2]);
  });

  it('RB: log Ra, log Pr, then BCs (x periodic, y wall)', () => {
    const l = buildLabel(
      [
        ['Rayleigh', 1e8],
        ['Prandtl', 10],
      ],
      [
        [2, 2],
        [0, 0],
      ],
      { logScalars: datasetLogsScalars('rayleigh_benard') },
    );
    expect(l[0]).toBeCloseTo(Math.log(1e8), 5);
    expect(l[1]).toBeCloseTo(Math.log(10), 5);
    expect(Array.from(l.slice(2))).toEqual([2, 2, 0, 0]);
  });

  it('TGC: log ρ0, Z raw, and T0 NOT logged (the reference bug: "t0" ≠ "T0")', () => {
    const l = buildLabel(
      [
        ['rho0', 0.5],
        ['Z', 0.1],
        ['T0', 100],
      ],
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      { logScalars: datasetLogsScalars('turbulence_gravity_cooling') },
    );
    expect(l.length).toBe(9);
    expect(l[0]).toBeCloseTo(Math.log(0.5), 6);
    expect(l[1]).toBeCloseTo(0.1, 6);
    expect(l[2]).toBe(100);
  });

  it('rejects bad codes and non-positive logged scalars', () => {
    expect(() => buildLabel([], [[3, 0]], { logScalars: false })).toThrow(/axis 0/);
    expect(() => buildLabel([['Prandtl', 0]], [], { logScalars: true })).toThrow(/Prandtl/);
  });
});
