import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { channelNames, frameSize, SimulationDivergedError } from '../system.js';
import { RB_DT_VALUES, sampleRbInitialCondition } from './initial-conditions.js';
import { rbOutputHeights, zInterpolator, interpolateToWell } from './output.js';
import { createRayleighBenardSystem, rayleighBenardFromOptions, rbNumberLabel } from './system.js';

describe('Rayleigh–Bénard initial conditions and output grid', () => {
  it('b = dT(1 − z) + z(1 − z)·N(0, 1e-3), deterministic per seed', () => {
    const nx = 32;
    const nz = 16;
    const ic = sampleRbInitialCondition(nx, nz, new Rng(40));
    expect(RB_DT_VALUES).toContain(ic.dT);
    let sum2 = 0;
    let count = 0;
    for (let j = 0; j <= nz; j++) {
      const z = j / nz;
      for (let i = 0; i < nx; i++) {
        const noise = ic.b[j * nx + i] - ic.dT * (1 - z);
        if (j === 0 || j === nz) expect(noise).toBe(0);
        else {
          sum2 += (noise / (z * (1 - z))) ** 2;
          count++;
        }
      }
    }
    const std = Math.sqrt(sum2 / count);
    expect(std).toBeGreaterThan(0.8e-3);
    expect(std).toBeLessThan(1.2e-3);
    expect(sampleRbInitialCondition(nx, nz, new Rng(40)).b).toEqual(ic.b);
  });

  it('interpolates cubics exactly onto the Chebyshev–Gauss heights', () => {
    const y = rbOutputHeights('chebyshev', 8);
    expect(y[0]).toBeCloseTo((1 - Math.cos(Math.PI / 16)) / 2, 15);
    expect(y[7]).toBeCloseTo(1 - y[0], 15);
    const nz = 10;
    const nx = 2;
    const f = new Float64Array((nz + 1) * nx);
    const cubic = (z: number) => 1 - 2 * z + 3 * z ** 3;
    for (let j = 0; j <= nz; j++) for (let i = 0; i < nx; i++) f[j * nx + i] = cubic(j / nz) + i;
    const out = new Float32Array(nx * 8);
    interpolateToWell(f, nx, zInterpolator(nz, y), out, 0);
    for (let i = 0; i < nx; i++) for (let t = 0; t < 8; t++) expect(out[i * 8 + t]).toBeCloseTo(cubic(y[t]) + i, 6);
  });
});

describe('Rayleigh–Bénard system (Well layout, docs/well-format.md §8.3)', () => {
  it('describes rayleigh_benard and simulates one trajectory', () => {
    const sys = rayleighBenardFromOptions({ resolution: 32, frames: 3, params: { Rayleigh: '1e4,1e6', Prandtl: '1', dT: '1' } });
    expect(sys.datasetName).toBe('rayleigh_benard');
    expect(sys.shape).toEqual([32, 8]);
    expect(channelNames(sys.fields, sys.spatialDims)).toEqual(['buoyancy', 'pressure', 'velocity_x', 'velocity_y']);
    expect(sys.parameterNames).toEqual(['Rayleigh', 'Prandtl']);
    expect(sys.parameterSets.map((p) => p.label)).toEqual(['Rayleigh_1e4_Prandtl_1', 'Rayleigh_1e6_Prandtl_1']);
    expect(sys.boundaryConditions).toEqual([
      { group: 'x_periodic', type: 'PERIODIC', dim: 'x' },
      { group: 'y_wall_dirichlet', type: 'WALL', dim: 'y' },
    ]);
    expect(Array.from(sys.times)).toEqual([0, 0.25, 0.5]);
    expect(sys.coordinates[0][1]).toBe(4 / 32);
    const set = sys.parameterSets[0];
    const ic = sys.sampleInitialCondition(set, new Rng(3));
    const traj = sys.simulate(set, ic);
    expect(traj.fields.map((f) => f.length)).toEqual(sys.fields.map((f) => 3 * frameSize(f, sys.shape)));
    // Frame 0: near conduction, b ≈ 1 − y, p ≈ y − y²/2 − 1/3, u ≈ 0 (noise 1e-3).
    const y = sys.coordinates[1];
    for (let i = 0; i < 32; i++) {
      for (let t = 0; t < 8; t++) {
        const o = i * 8 + t;
        expect(Math.abs(traj.fields[0][o] - (1 - y[t]))).toBeLessThan(1e-3);
        expect(Math.abs(traj.fields[1][o] - (y[t] - y[t] ** 2 / 2 - 1 / 3))).toBeLessThan(1e-3);
        expect(Math.abs(traj.fields[2][2 * o])).toBeLessThan(1e-6);
      }
    }
    expect(sys.simulate(set, sys.sampleInitialCondition(set, new Rng(3))).fields[2]).toEqual(traj.fields[2]);
    expect(traj.steps).toBeGreaterThanOrEqual(10);
    // A non-finite state is reported as a divergence (the generator then redraws the IC).
    const bad = { dT: 1, b: Float64Array.from(ic.b) };
    bad.b[40] = NaN;
    expect(() => sys.simulate(set, bad)).toThrow(SimulationDivergedError);
  });

  it('labels numbers compactly and rejects bad options', () => {
    expect(rbNumberLabel(1e10)).toBe('1e10');
    expect(rbNumberLabel(0.5)).toBe('0.5');
    expect(rbNumberLabel(2.5e6)).toBe('2.5e6');
    expect(() => rayleighBenardFromOptions({ params: { Reynolds: '3' } })).toThrow(/unknown --param 'Reynolds'.*Rayleigh/);
    expect(() => rayleighBenardFromOptions({ params: { Rayleigh: '-1' } })).toThrow(/positive/);
    expect(() => rayleighBenardFromOptions({ bc: 'periodic' })).toThrow(/--bc/);
    expect(() => createRayleighBenardSystem({ resolution: 48 })).toThrow(/power of two/);
    expect(() => createRayleighBenardSystem({ nz: 7 })).toThrow(/even/);
  });
});
