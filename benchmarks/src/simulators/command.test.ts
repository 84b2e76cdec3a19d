import { describe, expect, it } from 'vitest';
import { createSystem } from '@lola-ts/simulators';
import { parseSimulatorArgs } from './command.js';
import { benchSimulators, cellUpdatesPerSecond, simulatorRecords } from './suite.js';

describe('lola-bench simulators', () => {
  it('parses options and rejects bad ones', () => {
    const o = parseSimulatorArgs(['--systems', 'euler', '--sizes', '16,32', '--outputs', '2']);
    expect(o).toMatchObject({ systems: ['euler'], sizes: [16, 32], outputs: 2, iterations: 2, seed: 0, out: null });
    expect(() => parseSimulatorArgs(['--systems', 'warp'])).toThrow(/unknown system\(s\) warp; available: euler, gray-scott/);
    expect(() => parseSimulatorArgs(['--sizes', '64,x'])).toThrow("--sizes must be a list of integers >= 4, got '64,x'");
  });

  it('records cell updates per second and time per output state consistent with the step count', async () => {
    const timings = await benchSimulators({ systems: ['euler'], sizes: [12], outputs: 2, iterations: 1, seed: 0 });
    expect(timings).toHaveLength(1);
    const t = timings[0]!;
    // The step count is that of the same simulation run directly.
    const system = createSystem('euler', { resolution: 12, frames: 3 });
    expect(t.steps!).toBeGreaterThan(0);
    expect(t.shape).toEqual([12, 12]);
    const [rec] = simulatorRecords(timings);
    expect(rec!.axes).toMatchObject({ dataset: system.datasetName, resolution: [12, 12], method: 'simulator' });
    expect(rec!.measures.msPerOutputState!.value).toBeCloseTo(t.meanMs / 2, 12);
    expect(rec!.measures.cellUpdatesPerSecond!.value).toBeCloseTo((144 * t.steps!) / (t.meanMs / 1000), 6);
    expect(cellUpdatesPerSecond(t)).toBe(rec!.measures.cellUpdatesPerSecond!.value);
    expect(rec!.measures.stepsPerOutputState!.value).toBe(t.steps! / 2);
  });
});
