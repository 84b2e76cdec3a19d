import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import type { NdArray } from '../core/ndarray.js';
import { lolaVrmse } from '../lola/pointwise.js';
import {
  wellLInfinity,
  wellMae,
  wellMse,
  wellNmae,
  wellNmse,
  wellNrmse,
  wellPearsonR,
  wellRmse,
  wellVmse,
  wellVrmse,
} from './pointwise.js';

const nd = (data: number[] | Float32Array, shape: number[]): NdArray<Float32Array> => ({ data: Float32Array.from(data), shape });

function randomArray(rng: Rng, shape: number[], scale = 1, shift = 0): NdArray<Float32Array> {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = shift + scale * rng.normal();
  return { data, shape };
}

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-30));
  return m;
}

describe("The Well's spatial metrics: a hand-computed case", () => {
  // x = [1, 2, 3, 4], y = [1, 2, 3, 6] on a 2×2 grid: x − y = [0, 0, 0, −2].
  // MSE = 1, MAE = 0.5, max|x−y| = 2, mean y² = 12.5, std(y)² = 14/3 (unbiased), mean|y| = 3;
  // x̄ = 2.5, ȳ = 3, cov = (3 + 0.5 + 0 + 4.5)/4 = 2, std(x) = √(5/3).
  const inputs = { prediction: nd([1, 2, 3, 4], [1, 2, 2, 1]), target: nd([1, 2, 3, 6], [1, 2, 2, 1]) };
  const eps = 1e-7;

  it('MSE, MAE, RMSE, LInfinity', () => {
    expect(wellMse(inputs).data[0]).toBe(1);
    expect(wellMae(inputs).data[0]).toBe(0.5);
    expect(wellRmse(inputs).data[0]).toBe(1);
    expect(wellLInfinity(inputs).data[0]).toBe(2);
  });

  it('NMSE (norm and std modes), NRMSE, VMSE, VRMSE and NMAE with ε = 1e-7', () => {
    expect(wellNmse(inputs).data[0]).toBeCloseTo(1 / (12.5 + eps), 15);
    expect(wellNmse({ ...inputs, normMode: 'std' }).data[0]).toBeCloseTo(1 / (14 / 3 + eps), 15);
    expect(wellNrmse(inputs).data[0]).toBeCloseTo(Math.sqrt(1 / (12.5 + eps)), 15);
    expect(wellVmse(inputs).data[0]).toBeCloseTo(1 / (14 / 3 + eps), 15);
    expect(wellVrmse(inputs).data[0]).toBeCloseTo(Math.sqrt(1 / (14 / 3 + eps)), 15);
    expect(wellNmae(inputs).data[0]).toBeCloseTo(0.5 / (3 + eps), 15);
    expect(() => wellNmse({ ...inputs, normMode: 'l2' as 'norm' })).toThrow(/normMode 'l2'; expected 'norm' or 'std'/);
  });

  it('PearsonR with the mixed normalisation: population covariance over unbiased stds', () => {
    expect(wellPearsonR(inputs).data[0]).toBeCloseTo(2 / (Math.sqrt(5 / 3) * Math.sqrt(14 / 3) + eps), 14);
    // A perfect prediction scores (N − 1)/N, not 1.
    expect(wellPearsonR({ prediction: inputs.target, target: inputs.target }).data[0]).toBeCloseTo(3 / 4, 7);
  });
});

describe("The Well's spatial metrics on random inputs", () => {
  const rng = new Rng('well-pointwise');
  const B = 2;
  const T = 3;
  const C = 2;
  const N = 16 * 8;
  const y = randomArray(rng, [B, T, 16, 8, C], 2, 1);
  const x = randomArray(rng, [B, T, 16, 8, C], 2, 1);
  const inputs = { prediction: x, target: y, spatialDims: 2 };

  it('agree with a float64 reference written from the formulas; [B, T, ...space, C] → [B, T, C]', () => {
    const ref: Record<string, number[]> = { mse: [], mae: [], nmse: [], vmse: [], linf: [], nmae: [], r: [] };
    for (let l = 0; l < B * T; l++) {
      for (let c = 0; c < C; c++) {
        const xs = Array.from({ length: N }, (_, p) => x.data[(l * N + p) * C + c]);
        const ys = Array.from({ length: N }, (_, p) => y.data[(l * N + p) * C + c]);
        const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
        const mx = mean(xs);
        const my = mean(ys);
        const vy = ys.reduce((s, v) => s + (v - my) ** 2, 0) / (N - 1);
        const vx = xs.reduce((s, v) => s + (v - mx) ** 2, 0) / (N - 1);
        const mse = mean(xs.map((v, i) => (v - ys[i]) ** 2));
        const mae = mean(xs.map((v, i) => Math.abs(v - ys[i])));
        ref.mse.push(mse);
        ref.mae.push(mae);
        ref.nmse.push(mse / (mean(ys.map((v) => v * v)) + 1e-7));
        ref.vmse.push(mse / (vy + 1e-7));
        ref.linf.push(Math.max(...xs.map((v, i) => Math.abs(v - ys[i]))));
        ref.nmae.push(mae / (mean(ys.map(Math.abs)) + 1e-7));
        ref.r.push(mean(xs.map((v, i) => (v - mx) * (ys[i] - my))) / (Math.sqrt(vx) * Math.sqrt(vy) + 1e-7));
      }
    }
    expect(wellMse(inputs).shape).toEqual([B, T, C]);
    expect(relDiff(wellMse(inputs).data, ref.mse)).toBeLessThan(1e-6);
    expect(relDiff(wellRmse(inputs).data, ref.mse.map(Math.sqrt))).toBeLessThan(1e-6);
    expect(relDiff(wellMae(inputs).data, ref.mae)).toBeLessThan(1e-6);
    expect(relDiff(wellNmse(inputs).data, ref.nmse)).toBeLessThan(1e-6);
    expect(relDiff(wellNrmse(inputs).data, ref.nmse.map(Math.sqrt))).toBeLessThan(1e-6);
    expect(relDiff(wellVmse(inputs).data, ref.vmse)).toBeLessThan(1e-6);
    expect(relDiff(wellVrmse(inputs).data, ref.vmse.map(Math.sqrt))).toBeLessThan(1e-6);
    expect(relDiff(wellLInfinity(inputs).data, ref.linf)).toBeLessThan(1e-6);
    expect(relDiff(wellNmae(inputs).data, ref.nmae)).toBeLessThan(1e-6);
    expect(relDiff(wellPearsonR(inputs).data, ref.r)).toBeLessThan(1e-6);
  });

  it('invariances: VRMSE under joint scale and shift, PearsonR under affine maps of the prediction', () => {
    const a = 4;
    const b = -3;
    const aff = (v: NdArray) => ({ data: Float32Array.from(v.data, (z) => a * z + b), shape: v.shape });
    expect(relDiff(wellVrmse({ prediction: aff(x), target: aff(y), spatialDims: 2 }).data, wellVrmse(inputs).data)).toBeLessThan(1e-5);
    expect(relDiff(wellPearsonR({ prediction: aff(x), target: y, spatialDims: 2 }).data, wellPearsonR(inputs).data)).toBeLessThan(1e-5);
    expect(relDiff(wellNrmse({ prediction: aff(x), target: aff(y), spatialDims: 2 }).data, wellNrmse(inputs).data)).toBeGreaterThan(0.01);
  });

  it('predicting the target mean scores VRMSE ≈ √((N−1)/N)', () => {
    const pred = new Float32Array(y.data.length);
    for (let l = 0; l < B * T; l++) {
      for (let c = 0; c < C; c++) {
        let m = 0;
        for (let p = 0; p < N; p++) m += y.data[(l * N + p) * C + c] / N;
        for (let p = 0; p < N; p++) pred[(l * N + p) * C + c] = m;
      }
    }
    for (const v of wellVrmse({ prediction: { data: pred, shape: y.shape }, target: y, spatialDims: 2 }).data) {
      expect(v).toBeCloseTo(Math.sqrt((N - 1) / N), 6);
    }
  });

  it('differs from LoLa only by ε: on a flat target the VRMSE ratio is √(1e-6/1e-7)', () => {
    const target = nd(new Float32Array(16).fill(2), [1, 4, 4, 1]);
    const prediction = nd(new Float32Array(16).fill(2.001), [1, 4, 4, 1]);
    const well = wellVrmse({ prediction, target }).data[0];
    const lola = lolaVrmse({ truth: target, ensemble: { data: prediction.data, shape: [1, 1, 4, 4, 1] } }).data[0];
    expect(well / lola).toBeCloseTo(Math.sqrt(10), 6);
  });

  it('reports mismatched shapes and bad layouts clearly', () => {
    expect(() => wellMse({ prediction: nd(new Float32Array(16), [1, 4, 4, 1]), target: nd(new Float32Array(16), [1, 4, 2, 2]) })).toThrow(
      /wellMse: prediction has shape \[1, 4, 4, 1\] but target has shape \[1, 4, 2, 2\]/,
    );
    expect(() => wellMse({ prediction: x, target: y, spatialDims: 5 })).toThrow(/wellMse: target: shape \[2, 3, 16, 8, 2\] does not fit/);
  });
});
