import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import type { NdArray } from '../core/ndarray.js';
import { lolaPointwiseMetrics } from './all.js';
import { lolaConservedTotalError, lolaMse, lolaNrmse, lolaRmse, lolaVrmse } from './pointwise.js';
import { lolaSkill, lolaSpread, lolaSpreadSkill } from './spread-skill.js';

const nd = (data: number[] | Float32Array, shape: number[]): NdArray => ({ data: Float32Array.from(data), shape });

function randomArray(rng: Rng, shape: number[], scale = 1, shift = 0): NdArray<Float32Array> {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = shift + scale * rng.normal();
  return { data, shape };
}

function map(a: NdArray, f: (v: number) => number): NdArray<Float32Array> {
  return { data: Float32Array.from(a.data, f), shape: a.shape };
}

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-30));
  return m;
}

describe('LoLa pointwise metrics: a hand-computed case', () => {
  // u = [1, 2, 3, 4] on a 2×2 grid (T = 1, C = 1); members v1 = [2, 3, 4, 5], v2 = [2, 1, 2, 3].
  // v̄ = [2, 2, 3, 4]; u − v̄ = [−1, 0, 0, 0] → MSE = 1/4; Var(u) = 5/3 (unbiased); mean u² = 7.5;
  // v_s − v̄ = ±[0, 1, 1, 1] → mean square 6/8 → spread = √(3 · 0.75) = 1.5; Σv̄/Σu = 11/10.
  const truth = nd([1, 2, 3, 4], [1, 2, 2, 1]);
  const ensemble = nd([2, 3, 4, 5, 2, 1, 2, 3], [2, 1, 2, 2, 1]);
  const inputs = { truth, ensemble };

  it('MSE, RMSE, VRMSE (unbiased variance, ε = 1e-6), NRMSE (mean u² + 1e-6)', () => {
    expect(lolaMse(inputs).data[0]).toBeCloseTo(0.25, 15);
    expect(lolaRmse(inputs).data[0]).toBeCloseTo(0.5, 15);
    expect(lolaVrmse(inputs).data[0]).toBeCloseTo(Math.sqrt(0.25 / (5 / 3 + 1e-6)), 15);
    expect(lolaNrmse(inputs).data[0]).toBeCloseTo(Math.sqrt(0.25 / (7.5 + 1e-6)), 15);
    expect(lolaRmse(inputs).shape).toEqual([1, 1]);
  });

  it('spread with the finite-ensemble factor √((S+1)/(S−1)), skill and spread/skill', () => {
    expect(lolaSpread(inputs).data[0]).toBeCloseTo(1.5, 14);
    expect(lolaSkill(inputs).data[0]).toBeCloseTo(0.5, 15);
    expect(lolaSpreadSkill(inputs).data[0]).toBeCloseTo(1.501 / 0.501, 13);
  });

  it('conserved-total error 1 − Σv̄/Σu', () => {
    expect(lolaConservedTotalError(inputs).data[0]).toBeCloseTo(-0.1, 14);
  });

  it('a single member (deterministic prediction) has spread 0 and spread/skill 0', () => {
    const one = { truth, ensemble: nd([2, 2, 3, 4], [1, 1, 2, 2, 1]) };
    expect(lolaSpread(one).data[0]).toBe(0);
    expect(lolaSpreadSkill(one).data[0]).toBe(0);
    expect(lolaRmse(one).data[0]).toBeCloseTo(0.5, 15);
  });
});

describe('LoLa pointwise metrics on random inputs', () => {
  const rng = new Rng('lola-pointwise');
  const T = 3;
  const C = 2;
  const S = 4;
  const space = [8, 16];
  const truth = randomArray(rng, [T, ...space, C], 2, 1);
  const ensemble = randomArray(rng, [S, T, ...space, C], 2, 1);
  const N = 128;

  /** Float64 reference straight from docs/method.md §13.2, indexing [s, t, y, x, c] explicitly. */
  function reference() {
    const out = { mse: [] as number[], vrmse: [] as number[], nrmse: [] as number[], spread: [] as number[], cons: [] as number[] };
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < C; c++) {
        const u = (p: number) => truth.data[(t * N + p) * C + c];
        const v = (s: number, p: number) => ensemble.data[((s * T + t) * N + p) * C + c];
        const vbar = (p: number) => {
          let a = 0;
          for (let s = 0; s < S; s++) a += v(s, p);
          return a / S;
        };
        let mse = 0;
        let mu = 0;
        let u2 = 0;
        let su = 0;
        let sv = 0;
        let spread = 0;
        for (let p = 0; p < N; p++) {
          mse += (u(p) - vbar(p)) ** 2 / N;
          mu += u(p) / N;
          u2 += u(p) ** 2 / N;
          su += u(p);
          sv += vbar(p);
          for (let s = 0; s < S; s++) spread += (v(s, p) - vbar(p)) ** 2 / (N * S);
        }
        let varU = 0;
        for (let p = 0; p < N; p++) varU += (u(p) - mu) ** 2 / (N - 1);
        out.mse.push(mse);
        out.vrmse.push(Math.sqrt(mse / (varU + 1e-6)));
        out.nrmse.push(Math.sqrt(mse / (u2 + 1e-6)));
        out.spread.push(Math.sqrt(((S + 1) / (S - 1)) * spread));
        out.cons.push(1 - sv / su);
      }
    }
    return out;
  }

  it('agree with a float64 reference written from the formulas (float32 inputs, 1e-6 relative)', () => {
    const ref = reference();
    const inputs = { truth, ensemble };
    expect(lolaMse(inputs).shape).toEqual([T, C]);
    expect(relDiff(lolaMse(inputs).data, ref.mse)).toBeLessThan(1e-6);
    expect(relDiff(lolaRmse(inputs).data, ref.mse.map(Math.sqrt))).toBeLessThan(1e-6);
    expect(relDiff(lolaVrmse(inputs).data, ref.vrmse)).toBeLessThan(1e-6);
    expect(relDiff(lolaNrmse(inputs).data, ref.nrmse)).toBeLessThan(1e-6);
    expect(relDiff(lolaSpread(inputs).data, ref.spread)).toBeLessThan(1e-6);
    expect(relDiff(lolaConservedTotalError(inputs).data, ref.cons)).toBeLessThan(1e-6);
    const ss = ref.spread.map((sp, i) => (sp + 1e-3) / (Math.sqrt(ref.mse[i]) + 1e-3));
    expect(relDiff(lolaSpreadSkill(inputs).data, ss)).toBeLessThan(1e-6);
  });

  it('lolaPointwiseMetrics equals the single-metric functions', () => {
    const inputs = { truth, ensemble };
    const all = lolaPointwiseMetrics(inputs);
    expect(Array.from(all.mse.data)).toEqual(Array.from(lolaMse(inputs).data));
    expect(Array.from(all.vrmse.data)).toEqual(Array.from(lolaVrmse(inputs).data));
    expect(Array.from(all.nrmse.data)).toEqual(Array.from(lolaNrmse(inputs).data));
    expect(Array.from(all.spread.data)).toEqual(Array.from(lolaSpread(inputs).data));
    expect(Array.from(all.skill.data)).toEqual(Array.from(lolaSkill(inputs).data));
    expect(Array.from(all.spreadSkill.data)).toEqual(Array.from(lolaSpreadSkill(inputs).data));
    expect(Array.from(all.conservedTotalError.data)).toEqual(Array.from(lolaConservedTotalError(inputs).data));
    expect(all.rmse.shape).toEqual([T, C]);
  });

  it('invariances: VRMSE under scale and shift, NRMSE and conserved error under scale, RMSE/spread under shift', () => {
    const a = 3;
    const b = 5;
    const scaled = { truth: map(truth, (v) => a * v), ensemble: map(ensemble, (v) => a * v) };
    const shifted = { truth: map(truth, (v) => v + b), ensemble: map(ensemble, (v) => v + b) };
    const base = { truth, ensemble };
    const same = (v: Float64Array) => v;
    const timesA = (v: Float64Array) => v.map((x) => a * x);
    // [metric, transformed inputs, expected from the base value, tolerance]; ε = 1e-6 against variances ≈ 4 gives ~1e-7.
    const cases: [(i: typeof base) => { data: Float64Array }, typeof base, (v: Float64Array) => Float64Array, number][] = [
      [lolaVrmse, scaled, same, 1e-6],
      [lolaVrmse, shifted, same, 1e-6],
      [lolaNrmse, scaled, same, 1e-6],
      [lolaConservedTotalError, scaled, same, 1e-6],
      [lolaRmse, scaled, timesA, 1e-6],
      [lolaRmse, shifted, same, 1e-5],
      [lolaSpread, shifted, same, 1e-5],
      [lolaSpread, scaled, timesA, 1e-6],
    ];
    for (const [metric, inputs, expected, tol] of cases)
      expect(relDiff(metric(inputs).data, expected(metric(base).data))).toBeLessThan(tol);
    // NRMSE is not shift-invariant (it normalises by mean u², not the variance).
    expect(relDiff(lolaNrmse(shifted).data, lolaNrmse(base).data)).toBeGreaterThan(0.1);
  });

  it('predicting the spatial mean of u gives VRMSE = √((N−1)/N) up to ε', () => {
    const mean = new Float32Array(truth.data.length);
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < C; c++) {
        let m = 0;
        for (let p = 0; p < N; p++) m += truth.data[(t * N + p) * C + c] / N;
        for (let p = 0; p < N; p++) mean[(t * N + p) * C + c] = m;
      }
    }
    const vrmse = lolaVrmse({ truth, ensemble: { data: mean, shape: [1, ...truth.shape] } });
    for (const v of vrmse.data) expect(v).toBeCloseTo(Math.sqrt((N - 1) / N), 6);
  });

  it('a calibrated ensemble (truth exchangeable with the members) has spread/skill ≈ 1', () => {
    // u, v_s iid N(0,1): E skill² = 1 + 1/S and E spread² = (S+1)/(S−1) · (S−1)/S = 1 + 1/S.
    const r = new Rng('calibrated');
    const shape = [2, 64, 64, 1];
    const u = randomArray(r, shape);
    const v = randomArray(r, [S, ...shape]);
    const ss = lolaSpreadSkill({ truth: u, ensemble: v });
    for (const x of ss.data) expect(Math.abs(x - 1)).toBeLessThan(0.06);
    // Without the finite-ensemble factor the ratio would be √((S−1)/(S+1)) ≈ 0.77.
  });
});

describe('LoLa metrics: shape validation', () => {
  it('names the argument and the expected shape', () => {
    const truth = nd(new Float32Array(16), [1, 4, 4, 1]);
    expect(() => lolaRmse({ truth, ensemble: nd(new Float32Array(16), [1, 4, 4, 1]) })).toThrow(
      /lolaRmse: ensemble has shape \[1, 4, 4, 1\] but truth has shape \[1, 4, 4, 1\]; expected the ensemble to be \[S, 1, 4, 4, 1\]/,
    );
    expect(() => lolaVrmse({ truth: nd(new Float32Array(15), [1, 4, 4, 1]), ensemble: truth })).toThrow(
      /lolaVrmse: truth.*data has 15 elements but shape \[1, 4, 4, 1\] needs 16/,
    );
    expect(() => lolaMse({ truth: nd(new Float32Array(4), [4, 1]), ensemble: nd(new Float32Array(4), [1, 4, 1]) })).toThrow(
      /expected at least one lead axis/,
    );
    expect(() => lolaMse({ truth: { data: [1, 2] as unknown as Float32Array, shape: [1, 2, 1] }, ensemble: truth })).toThrow(
      /must be a Float32Array or Float64Array/,
    );
    expect(() => lolaVrmse({ truth: nd([1], [1, 1, 1]), ensemble: nd([1], [1, 1, 1, 1]) })).toThrow(/at least 2 spatial points/);
  });
});
