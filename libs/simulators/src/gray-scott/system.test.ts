import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { channelNames, frameSize, SimulationDivergedError } from '../system.js';
import { createGrayScottSystem, grayScottFromOptions } from './system.js';

describe('Gray–Scott system (Well layout, docs/well-format.md §8.4)', () => {
  it('describes gray_scott_reaction_diffusion and simulates one trajectory', () => {
    const sys = grayScottFromOptions({ resolution: 16, frames: 3, params: { pattern: 'spots,maze', ic: 'gaussians' } });
    expect(sys.datasetName).toBe('gray_scott_reaction_diffusion');
    expect(sys.shape).toEqual([16, 16]);
    expect(channelNames(sys.fields, sys.spatialDims)).toEqual(['A', 'B']);
    expect(sys.parameterNames).toEqual(['F', 'k']);
    expect(sys.parameterSets.map((p) => p.label)).toEqual(['spots_F_0.03_k_0.062', 'maze_F_0.029_k_0.057']);
    expect(Array.from(sys.times)).toEqual([0, 10, 20]);
    expect(sys.boundaryConditions.map((b) => b.type)).toEqual(['PERIODIC', 'PERIODIC']);
    expect(sys.coordinates[0][0]).toBe(-1);
    expect(sys.coordinates[0][8]).toBe(0);
    const set = sys.parameterSets[0];
    const ic = sys.sampleInitialCondition(set, new Rng(1));
    expect(ic.type).toBe('gaussians');
    const frames: number[] = [];
    const traj = sys.simulate(set, ic, { onFrame: (k) => frames.push(k) });
    expect(frames).toEqual([0, 1, 2]);
    expect(traj.fields.length).toBe(2);
    expect(traj.fields[0].length).toBe(3 * frameSize(sys.fields[0], sys.shape));
    // Frame 0 is the initial condition (cast to float32).
    expect(traj.fields[0][5]).toBe(Math.fround(ic.A[5]));
    expect(traj.fields[1][7]).toBe(Math.fround(ic.B[7]));
    // Same seed → same trajectory.
    const again = sys.simulate(set, sys.sampleInitialCondition(set, new Rng(1)));
    expect(again.fields[1]).toEqual(traj.fields[1]);
    expect(traj.steps).toBe(20);
    const bad = { ...ic, A: Float64Array.from(ic.A) };
    bad.A[3] = Infinity;
    expect(() => sys.simulate(set, bad)).toThrow(SimulationDivergedError);
  });

  it('rejects bad options with clear errors', () => {
    expect(() => grayScottFromOptions({ params: { pattern: 'stripes' } })).toThrow(/unknown pattern 'stripes'.*gliders/);
    expect(() => grayScottFromOptions({ params: { Re: '3' } })).toThrow(/unknown --param 'Re'.*pattern/);
    expect(() => grayScottFromOptions({ bc: 'open' })).toThrow(/periodic/);
    expect(() => createGrayScottSystem({ resolution: 100 })).toThrow(/power of two/);
    expect(() => createGrayScottSystem({ dt: 3, interval: 10 })).toThrow(/multiple of dt/);
  });
});
