import { describe, expect, it } from 'vitest';
import { applyInitialCondition, laxLiuInitialCondition } from './initial-conditions.js';
import { LAX_LIU_CONFIGS, laxLiuConfig } from './lax-liu.js';
import { EulerSolver } from './solver.js';

/** The table of docs/simulators.md §2.2, copied verbatim (cfg | Q1 | Q2 | Q3 | Q4 | t_f). */
const SPEC_TABLE = `
| 1 | 1, 0, 0, 1 | 0.5197, -0.7259, 0, 0.4 | 0.1072, -0.7259, -1.4045, 0.0439 | 0.2579, 0, -1.4045, 0.15 | 0.2 |
| 2 | 1, 0, 0, 1 | 0.5197, -0.7259, 0, 0.4 | 1, -0.7259, -0.7259, 1 | 0.5197, 0, -0.7259, 0.4 | 0.2 |
| 3 | 1.5, 0, 0, 1.5 | 0.5323, 1.206, 0, 0.3 | 0.138, 1.206, 1.206, 0.029 | 0.5323, 0, 1.206, 0.3 | 0.3 |
| 4 | 1.1, 0, 0, 1.1 | 0.5065, 0.8939, 0, 0.35 | 1.1, 0.8939, 0.8939, 1.1 | 0.5065, 0, 0.8939, 0.35 | 0.25 |
| 5 | 1, -0.75, -0.5, 1 | 2, -0.75, 0.5, 1 | 1, 0.75, 0.5, 1 | 3, 0.75, -0.5, 1 | 0.23 |
| 6 | 1, 0.75, -0.5, 1 | 2, 0.75, 0.5, 1 | 1, -0.75, 0.5, 1 | 3, -0.75, -0.5, 1 | 0.3 |
| 7 | 1, 0.1, 0.1, 1 | 0.5197, -0.6259, 0.1, 0.4 | 0.8, 0.1, 0.1, 0.4 | 0.5197, 0.1, -0.6259, 0.4 | 0.25 |
| 8 | 0.5197, 0.1, 0.1, 0.4 | 1, -0.6259, 0.1, 1 | 0.8, 0.1, 0.1, 1 | 1, 0.1, -0.6259, 1 | 0.25 |
| 9 | 1, 0, 0.3, 1 | 2, 0, -0.3, 1 | 1.039, 0, -0.8133, 0.4 | 0.5197, 0, -0.4259, 0.4 | 0.3 |
| 10 | 1, 0, 0.4297, 1 | 0.5, 0, 0.6076, 1 | 0.2281, 0, -0.6076, 0.3333 | 0.4562, 0, -0.4259, 0.3333 | 0.15 |
| 11 | 1, 0.1, 0, 1 | 0.5313, 0.8276, 0, 0.4 | 0.8, 0.1, 0, 0.4 | 0.5313, 0.1, 0.7276, 0.4 | 0.3 |
| 12 | 0.5313, 0, 0, 0.4 | 1, 0.7276, 0, 1 | 0.8, 0, 0, 1 | 1, 0, 0.7276, 1 | 0.25 |
| 13 | 1, 0, -0.3, 1 | 2, 0, 0.3, 1 | 1.0625, 0, 0.8145, 0.4 | 0.5313, 0, 0.4276, 0.4 | 0.3 |
| 14 | 2, 0, -0.5606, 8 | 1, 0, -1.2172, 8 | 0.4736, 0, 1.2172, 2.6667 | 0.9474, 0, 1.1606, 2.6667 | 0.1 |
| 15 | 1, 0.1, -0.3, 1 | 0.5197, -0.6259, -0.3, 0.4 | 0.8, 0.1, -0.3, 0.4 | 0.5313, 0.1, 0.4276, 0.4 | 0.2 |
| 16 | 0.5313, 0.1, 0.1, 0.4 | 1.0222, -0.6179, 0.1, 1 | 0.8, 0.1, 0.1, 1 | 1, 0.1, 0.8276, 1 | 0.2 |
| 17 | 1, 0, -0.4, 1 | 2, 0, -0.3, 1 | 1.0625, 0, 0.2145, 0.4 | 0.5197, 0, -1.1259, 0.4 | 0.3 |
| 18 | 1, 0, 1, 1 | 2, 0, -0.3, 1 | 1.0625, 0, 0.2145, 0.4 | 0.5197, 0, 0.2741, 0.4 | 0.2 |
| 19 | 1, 0, 0.3, 1 | 2, 0, -0.3, 1 | 1.0625, 0, 0.2145, 0.4 | 0.5197, 0, -0.4259, 0.4 | 0.3 |
`;

function parseSpec() {
  return SPEC_TABLE.trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    )
    .map(([id, ...cells]) => ({
      id: Number(id),
      quadrants: cells.slice(0, 4).map((c) => c.split(',').map(Number)),
      tFinal: Number(cells[4]),
    }));
}

describe('Lax–Liu configurations (docs/simulators.md §2.2)', () => {
  it('the table matches the spec for every configuration, quadrant and final time', () => {
    const spec = parseSpec();
    expect(spec).toHaveLength(19);
    expect(LAX_LIU_CONFIGS).toHaveLength(19);
    for (const row of spec) {
      const c = laxLiuConfig(row.id);
      expect(c.id).toBe(row.id);
      expect([c.q1, c.q2, c.q3, c.q4].map((q) => [...q])).toEqual(row.quadrants);
      expect(c.tFinal).toBe(row.tFinal);
    }
    expect(() => laxLiuConfig(0)).toThrow(/1\.\.19/);
    expect(() => laxLiuConfig(20)).toThrow(/1\.\.19/);
  });

  it('every initial state lands in the right quadrant of the grid (no fall-through to config 1)', () => {
    const spec = parseSpec();
    const n = 8;
    const seen = new Set<string>();
    for (const row of spec) {
      const s = new EulerSolver({ nx: n, ny: n, gamma: 1.4, boundary: 'open' });
      applyInitialCondition(s, laxLiuInitialCondition(row.id));
      // Q1 = (x > 1/2, y > 1/2), Q2 = (x < 1/2, y > 1/2), Q3 = (x < 1/2, y < 1/2), Q4 = (x > 1/2, y < 1/2).
      const probes: [number, number][] = [
        [6, 6],
        [1, 6],
        [1, 1],
        [6, 1],
      ];
      probes.forEach(([i, j], q) => {
        const [rho, u, v, p] = row.quadrants[q]!;
        const k = s.index(i, j);
        expect(s.rho[k]).toBeCloseTo(rho!, 14);
        expect(s.mx[k]! / s.rho[k]!).toBeCloseTo(u!, 14);
        expect(s.my[k]! / s.rho[k]!).toBeCloseTo(v!, 14);
        expect(s.pressure(i, j)).toBeCloseTo(p!, 13);
      });
      seen.add([s.rho, s.mx, s.my, s.en].map((a) => Array.from(a).join()).join(';'));
    }
    expect(seen.size).toBe(19);
  });

  it('configs 2, 3, 4, 7, 8, 12 keep their diagonal symmetry to <= 1e-12', () => {
    const n = 32;
    for (const id of [2, 3, 4, 7, 8, 12]) {
      const s = new EulerSolver({ nx: n, ny: n, gamma: 1.4, boundary: 'open' });
      applyInitialCondition(s, laxLiuInitialCondition(id));
      s.advanceTo(laxLiuConfig(id).tFinal);
      let err = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const a = s.index(i, j);
          const b = s.index(j, i);
          err = Math.max(
            err,
            Math.abs(s.rho[a]! - s.rho[b]!),
            Math.abs(s.mx[a]! / s.rho[a]! - s.my[b]! / s.rho[b]!),
            Math.abs(s.pressure(i, j) - s.pressure(j, i)),
          );
        }
      }
      expect(err, `config ${id}`).toBeLessThanOrEqual(1e-12);
    }
  });

  it('density and pressure stay positive and finite on all 19 configurations (48², to t_f)', () => {
    const n = 48;
    for (const c of LAX_LIU_CONFIGS) {
      const s = new EulerSolver({ nx: n, ny: n, gamma: 1.4, boundary: 'open' });
      applyInitialCondition(s, laxLiuInitialCondition(c.id));
      s.advanceTo(c.tFinal); // stableDt() throws on any non-positive or NaN cell
      let minRho = Infinity;
      let minP = Infinity;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          minRho = Math.min(minRho, s.rho[s.index(i, j)]!);
          minP = Math.min(minP, s.pressure(i, j));
        }
      }
      expect(minRho, `config ${c.id}`).toBeGreaterThan(0);
      expect(minP, `config ${c.id}`).toBeGreaterThan(0);
      expect(s.t).toBe(c.tFinal);
    }
  });
});
