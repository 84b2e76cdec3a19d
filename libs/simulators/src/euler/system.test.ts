import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { channelNames, frameSize } from '../system.js';
import { createEulerSystem, eulerFromOptions, EULER_GAMMAS } from './system.js';

describe('Euler system (Well euler_multi_quadrants layout, docs/well-format.md §8.2)', () => {
  it('describes the dataset as The Well does', () => {
    const open = createEulerSystem({ resolution: 8, frames: 4 });
    expect(open.datasetName).toBe('euler_multi_quadrants_openBC');
    expect(createEulerSystem({ bc: 'periodic' }).datasetName).toBe('euler_multi_quadrants_periodicBC');
    expect(open.fields.map((f) => [f.name, f.order])).toEqual([
      ['energy', 0],
      ['density', 0],
      ['pressure', 0],
      ['momentum', 1],
    ]);
    expect(channelNames(open.fields, open.spatialDims)).toEqual(['energy', 'density', 'pressure', 'momentum_x', 'momentum_y']);
    expect(open.boundaryConditions).toEqual([
      { group: 'x_open', type: 'OPEN', dim: 'x' },
      { group: 'y_open', type: 'OPEN', dim: 'y' },
    ]);
    expect(Array.from(open.times)).toEqual([0, 0.015, 0.03, 0.045]);
    expect(Array.from(open.coordinates[0]!)).toEqual([0.0625, 0.1875, 0.3125, 0.4375, 0.5625, 0.6875, 0.8125, 0.9375]);
    expect(open.parameterSets).toHaveLength(10);
    expect(open.parameterSets.map((p) => p.label)).toContain('gamma_1.404_H2_100_Dry_air_-15');
    expect(open.parameterSets.map((p) => p.values.gamma)).toEqual(EULER_GAMMAS.map((g) => g.gamma));
    const defaults = createEulerSystem();
    expect(defaults.shape).toEqual([128, 128]);
    expect(defaults.times).toHaveLength(101);
    expect(defaults.times[100]).toBeCloseTo(1.5, 12);
  });

  it('simulates frames whose fields are consistent (e = p/(γ−1) + |m|²/2ρ) and whose first frame is the IC', () => {
    const sys = createEulerSystem({ resolution: 8, frames: 3, bc: 'periodic', gammas: [1.76] });
    const set = sys.parameterSets[0]!;
    const ic = sys.sampleInitialCondition(set, new Rng(3));
    const t = sys.simulate(set, ic);
    expect(t.steps).toBeGreaterThan(0);
    const [energy, density, pressure, momentum] = t.fields;
    sys.fields.forEach((f, c) => expect(t.fields[c]).toHaveLength(3 * frameSize(f, sys.shape)));
    for (let k = 0; k < energy!.length; k++) {
      const r = density![k]!;
      const e = pressure![k]! / 0.76 + (momentum![2 * k]! ** 2 + momentum![2 * k + 1]! ** 2) / (2 * r);
      expect(Math.abs(energy![k]! - e) / energy![k]!).toBeLessThan(1e-5); // float32 storage
    }
    // Frame 0 at cell (i, j) is the IC state at the cell centre.
    const [rho, u] = ic.states[0]!;
    expect(density![0]).toBe(Math.fround(rho));
    expect(momentum![0]).toBe(Math.fround(rho * u));
    // Periodic: total mass is conserved between frames (to float32 rounding).
    const cells = 64;
    const mass = [0, 1, 2].map((f) => density!.subarray(f * cells, (f + 1) * cells).reduce((a, b) => a + b, 0));
    expect(Math.abs(mass[2]! - mass[0]!) / mass[0]!).toBeLessThan(1e-6);
  });

  it('parses --param and --bc with clear errors', () => {
    const sys = eulerFromOptions({ resolution: 8, bc: 'periodic', params: { gamma: '1.3,1.4', laxLiuFraction: '0', limiter: 'minmod' } });
    expect(sys.parameterSets.map((p) => p.label)).toEqual(['gamma_1.3_CO2_20', 'gamma_1.4_Dry_air_20']);
    expect(() => eulerFromOptions({ params: { gamma: '1.5' } })).toThrow(/gamma 1.5 is not one of The Well's values/);
    expect(() => eulerFromOptions({ params: { gamma: 'abc' } })).toThrow(/--param gamma=abc: expected a number/);
    expect(() => eulerFromOptions({ params: { mach: '2' } })).toThrow(/unknown --param 'mach'; allowed: gamma, laxLiuFraction/);
    expect(() => eulerFromOptions({ params: { limiter: 'superbee' } })).toThrow(/limiter must be 'mc' or 'minmod'/);
    expect(() => eulerFromOptions({ params: { laxLiuFraction: '1.5' } })).toThrow(/laxLiuFraction must be in \[0, 1\]/);
    expect(() => eulerFromOptions({ bc: 'wall' })).toThrow(/--bc must be 'open' or 'periodic'/);
    expect(() => eulerFromOptions({ resolution: 2 })).toThrow(/resolution must be an integer >= 4/);
    expect(() => eulerFromOptions({ frames: 0 })).toThrow(/frames must be an integer >= 1/);
  });
});
