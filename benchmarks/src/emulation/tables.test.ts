import { PAPER_SECONDS_PER_STATE } from '@lola-ts/metrics';
import { describe, expect, it } from 'vitest';
import type { Method } from './cases.js';
import type { EmulationTiming } from './suite.js';
import { formatCostTable, formatRatioTable, ratioTable, secondsOf } from './tables.js';

function timing(method: Method, resolution: number, seconds: number, compressionRate = 1): EmulationTiming {
  return {
    method,
    resolution,
    compressionRate,
    dataset: 'euler',
    frames: 5,
    stateShape: [],
    meanMs: seconds * 1e3,
    moeMs: 0,
    samples: 1,
    members: 2,
    secondsPerState: { value: seconds, lower: seconds, upper: seconds },
  };
}

const timings: EmulationTiming[] = [
  timing('simulator', 64, 0.05),
  timing('simulator', 128, 0.4),
  timing('pixel-ns', 64, 0.02),
  timing('ns', 64, 0.01, 5),
  timing('ns', 64, 0.008, 20),
  timing('dm', 64, 0.16, 5),
  timing('dm', 64, 0.12, 20),
  timing('dm', 128, 0.64, 5),
  timing('pixel-dm', 64, 0.3),
];

describe('emulation tables', () => {
  it('picks latent rows at the lowest rate unless told otherwise', () => {
    expect(secondsOf(timings, 'dm', 64)).toBe(0.16);
    expect(secondsOf(timings, 'dm', 64, 20)).toBe(0.12);
    expect(secondsOf(timings, 'pixel-ns', 64)).toBe(0.02);
    expect(secondsOf(timings, 'ns', 128)).toBeNull();
  });

  it("puts the paper's ratios beside ours, per resolution", () => {
    const rows = ratioTable(timings);
    const dmNs = rows.find((r) => r.label === 'DM / NS')!;
    expect(dmNs.paper).toBeCloseTo(PAPER_SECONDS_PER_STATE.dm.value / PAPER_SECONDS_PER_STATE.ns.value, 12);
    expect(dmNs.paper).toBeCloseTo(6.4615, 3);
    expect(dmNs.approximate).toBe(false);
    expect(dmNs.ours.get(64)).toBeCloseTo(16, 12);
    expect(dmNs.ours.get(128)).toBeNull(); // no NS at 128²
    const dmSim = rows.find((r) => r.label === 'DM / simulator')!;
    expect(dmSim.approximate).toBe(true);
    expect(dmSim.paper).toBeCloseTo(0.0084, 12);
    expect(dmSim.ours.get(64)).toBeCloseTo(3.2, 12);
    expect(dmSim.ours.get(128)).toBeCloseTo(1.6, 12);
    expect(
      ratioTable(timings, { rate: 20 })
        .find((r) => r.label === 'DM / NS')!
        .ours.get(64),
    ).toBeCloseTo(15, 12);
    expect(rows.find((r) => r.label === 'pixel DM / DM')!.ours.get(64)).toBeCloseTo(0.3 / 0.16, 12);

    const text = formatRatioTable(rows, 'latent rows at 5×').join('\n');
    expect(text).toMatch(/DM \/ NS\s+6\.46\s+16\.00\s+–/);
    expect(text).toMatch(/DM \/ simulator\s+~0\.0084\s+3\.20\s+1\.60/);
    expect(text).toContain('Ratios only');
  });

  it('lists seconds per state by method and rate', () => {
    const lines = formatCostTable(timings);
    expect(lines[0]).toMatch(/64²\s+128²/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'simulator',
      'pixel NS',
      'NS 5×',
      'NS 20×',
      'pixel DM',
      'DM 5×',
      'DM 20×',
    ]);
    expect(lines.find((l) => l.startsWith('DM 5×'))).toMatch(/160\.0 ms\s+640\.0 ms\s+2\/2/);
  });
});
