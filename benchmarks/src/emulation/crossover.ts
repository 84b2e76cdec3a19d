/**
 * The input resolution at which the latent DM becomes cheaper per state than the simulator
 * (issue 8). With d(N) = ln t_DM(N) − ln t_sim(N) at the measured resolutions (ascending):
 * - d(N_0) ≤ 0: already cheaper at the smallest measured resolution (`below-range`);
 * - first sign change d(N_{i−1}) > 0 ≥ d(N_i): log-log interpolation
 *     ln N* = ln N_{i−1} + (ln N_i − ln N_{i−1}) · d_{i−1} / (d_{i−1} − d_i)       (`between`);
 * - d > 0 everywhere: beyond the range. With the last two points' log-log slopes a_DM, a_sim,
 *   the straight-line extrapolation N* = N_last · exp(d_last / (a_sim − a_DM)) when a_sim > a_DM
 *   (`extrapolated`), else the DM's cost grows at least as fast and the lines never meet
 *   (`not-reached`); a single common resolution gives no slope (`beyond`).
 */

export interface CostPoint {
  resolution: number;
  /** Seconds per state. */
  seconds: number;
}

export type Crossover =
  | { kind: 'below-range'; resolution: number }
  | { kind: 'between'; resolution: number; from: number; to: number }
  | { kind: 'extrapolated'; resolution: number; dmSlope: number; simSlope: number }
  | { kind: 'not-reached'; dmSlope: number; simSlope: number }
  | { kind: 'beyond'; largest: number }
  | { kind: 'no-data' };

/** Crossover of `dm` below `sim` (both: seconds per state against resolution). */
export function crossoverResolution(dm: readonly CostPoint[], sim: readonly CostPoint[]): Crossover {
  const simAt = new Map(sim.map((p) => [p.resolution, p.seconds]));
  const pts = dm
    .filter((p) => simAt.has(p.resolution) && p.seconds > 0 && simAt.get(p.resolution)! > 0)
    .map((p) => ({ n: p.resolution, dm: p.seconds, sim: simAt.get(p.resolution)! }))
    .sort((a, b) => a.n - b.n);
  if (!pts.length) return { kind: 'no-data' };
  const d = pts.map((p) => Math.log(p.dm) - Math.log(p.sim));
  if (d[0]! <= 0) return { kind: 'below-range', resolution: pts[0]!.n };
  for (let i = 1; i < pts.length; i++) {
    if (d[i]! <= 0) {
      const a = Math.log(pts[i - 1]!.n);
      const b = Math.log(pts[i]!.n);
      return { kind: 'between', resolution: Math.exp(a + ((b - a) * d[i - 1]!) / (d[i - 1]! - d[i]!)), from: pts[i - 1]!.n, to: pts[i]!.n };
    }
  }
  const last = pts.at(-1)!;
  if (pts.length < 2) return { kind: 'beyond', largest: last.n };
  const prev = pts.at(-2)!;
  const dn = Math.log(last.n) - Math.log(prev.n);
  const dmSlope = (Math.log(last.dm) - Math.log(prev.dm)) / dn;
  const simSlope = (Math.log(last.sim) - Math.log(prev.sim)) / dn;
  if (simSlope <= dmSlope) return { kind: 'not-reached', dmSlope, simSlope };
  return { kind: 'extrapolated', resolution: last.n * Math.exp(d.at(-1)! / (simSlope - dmSlope)), dmSlope, simSlope };
}

/** A sentence for the report. */
export function describeCrossover(c: Crossover, range: readonly number[]): string {
  const span = `${Math.min(...range)}²–${Math.max(...range)}²`;
  switch (c.kind) {
    case 'below-range':
      return `already cheaper than the simulator at ${c.resolution}², the smallest measured resolution`;
    case 'between':
      return `becomes cheaper than the simulator at ≈ ${Math.round(c.resolution)}² (log-log interpolation between ${c.from}² and ${c.to}²)`;
    case 'extrapolated':
      return `not cheaper within ${span}; extrapolating the last two points in log-log (DM ∝ N^${c.dmSlope.toFixed(2)}, simulator ∝ N^${c.simSlope.toFixed(2)}) it would be at ≈ ${Math.round(c.resolution)}² — beyond the measured range`;
    case 'not-reached':
      return `not cheaper within ${span}, and its cost grows at least as fast as the simulator's (DM ∝ N^${c.dmSlope.toFixed(2)} vs simulator ∝ N^${c.simSlope.toFixed(2)} over the last two resolutions): no crossover ahead with these architectures`;
    case 'beyond':
      return `not cheaper up to ${c.largest}² (one common resolution: no trend to extrapolate)`;
    case 'no-data':
      return 'no resolution with both a DM and a simulator timing';
  }
}
