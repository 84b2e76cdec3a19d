import * as tf from '@tensorflow/tfjs';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Denoiser } from '../denoiser.js';
import { solveLinear } from '../sampling/coefficients.js';
import { initialNoise, sampleAdamsBashforth } from '../sampling/index.js';
import { logLogitSchedule } from '../schedules/index.js';
import { gmres } from './gmres.js';
import { mmpsDenoiser } from './mmps.js';
import { downscale, subsample } from './operators.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Exact denoiser of x ~ N(0, I): E[x | x_t] = x_t/(1+σ²). */
const standardGaussian: Denoiser = (xt, sigma) =>
  tf.tidy(() => tf.div(xt, tf.add(tf.square(sigma), 1).reshape([xt.shape[0], ...new Array<number>(xt.rank - 1).fill(1)])));

/** Dense matrix of a linear operator on [1, …shape] inputs (columns = A(e_i)). */
function denseMatrix(A: (x: tf.Tensor) => tf.Tensor, shape: number[]): number[][] {
  const n = shape.reduce((a, d) => a * d, 1);
  const cols: number[][] = [];
  for (let i = 0; i < n; i++) {
    const e = tf.tidy(() => tf.reshape(tf.oneHot([i], n, 1, 0, 'float32'), [1, ...shape]));
    const out = A(e);
    cols.push(Array.from(out.dataSync()));
    tf.dispose([e, out]);
  }
  return cols[0]!.map((_, r) => cols.map((c) => c[r]!));
}

describe('observation operators (docs/method.md §11)', () => {
  it('subsample takes every f-th pixel and downscale averages f×f blocks', () => {
    const x = tf.reshape(tf.range(0, 2 * 4 * 4 * 2), [2, 4, 4, 2]);
    const s = subsample(x, 2).arraySync() as number[][];
    const xa = x.arraySync() as number[][][][];
    expect(s[1]).toEqual([
      xa[1]![0]![0]![0],
      xa[1]![0]![0]![1],
      xa[1]![0]![2]![0],
      xa[1]![0]![2]![1],
      xa[1]![2]![0]![0],
      xa[1]![2]![0]![1],
      xa[1]![2]![2]![0],
      xa[1]![2]![2]![1],
    ]);
    const d = downscale(x, 2).arraySync() as number[][];
    const block = [xa[0]![2]![2]![1]!, xa[0]![2]![3]![1]!, xa[0]![3]![2]![1]!, xa[0]![3]![3]![1]!];
    expect(d[0]![3 * 2 + 1]).toBeCloseTo(block.reduce((a, v) => a + v, 0) / 4, 5);
    expect(() => downscale(x, 3)).toThrow(/divisible/);
    tf.dispose(x);
  });
});

describe('GMRES', () => {
  it('one iteration is the minimal-residual step; D iterations solve exactly', () => {
    const mat = [
      [4, 1, 0],
      [1, 3, 1],
      [0.5, 0, 2],
    ];
    const M = tf.tensor2d(mat);
    const apply = (v: tf.Tensor) => tf.matMul(v, M, false, true);
    const b = tf.tensor2d([
      [1, 2, 3],
      [-1, 0.5, 2],
    ]);
    const x1 = gmres(apply, b, 1).arraySync() as number[][];
    const bv = b.arraySync() as number[][];
    bv.forEach((r, i) => {
      const ar = mat.map((row) => row.reduce((s, v, j) => s + v * r[j]!, 0));
      const k = ar.reduce((s, v, j) => s + v * r[j]!, 0) / ar.reduce((s, v) => s + v * v, 0);
      r.forEach((v, j) => expect(x1[i]![j]).toBeCloseTo(k * v, 5));
    });
    const x3 = gmres(apply, b, 3).arraySync() as number[][];
    bv.forEach((r, i) => solveLinear(mat, r).forEach((v, j) => expect(x3[i]![j]).toBeCloseTo(v, 4)));
    tf.dispose([M, b]);
  });
});

describe('MMPS guidance with a linear A (docs/method.md §11)', () => {
  const shape = [1, 4, 4, 1]; // one frame, 4×4, one channel
  const varY = 0.05;

  for (const [name, A] of [
    ['subsample', (x: tf.Tensor) => subsample(x, 2)],
    ['downscale', (x: tf.Tensor) => downscale(x, 2)],
  ] as const) {
    it(`${name}: gives the exact Gaussian posterior mean E[x | x_t, y] when GMRES converges`, () => {
      const sigma = 0.8;
      const xt = tf.randomNormal([2, ...shape.slice(1)], 0, Math.sqrt(1 + sigma * sigma), 'float32', 3);
      const y = tf.tensor2d([
        [0.3, -0.2, 1.1, 0.4],
        [0, 0.5, -0.7, 0.2],
      ]);
      const guided = mmpsDenoiser(standardGaussian, { y, A, varY, iterations: 4 });
      const got = guided(xt, tf.tensor1d([sigma, sigma])).arraySync() as number[][][][];
      // Reference: x̂ = x_t/(1+σ²), Σ = σ²/(1+σ²) I, mean = x̂ + Σ Aᵀ (var_y I + A Σ Aᵀ)⁻¹ (y − A x̂).
      const Am = denseMatrix(A, shape.slice(1));
      const s = (sigma * sigma) / (1 + sigma * sigma);
      const xtv = xt.arraySync() as number[][][][];
      const yv = y.arraySync() as number[][];
      for (let b = 0; b < 2; b++) {
        const xhat = xtv[b]!.flat(2).map((v) => v / (1 + sigma * sigma));
        const r = yv[b]!.map((v, i) => v - Am[i]!.reduce((acc, a, j) => acc + a * xhat[j]!, 0));
        const K = Am.map((ri, i) => Am.map((rj, j) => s * ri.reduce((acc, a, k) => acc + a * rj[k]!, 0) + (i === j ? varY : 0)));
        const u = solveLinear(K, r);
        const mean = xhat.map((v, j) => v + s * Am.reduce((acc, row, i) => acc + row[j]! * u[i]!, 0));
        const flat = got[b]!.flat(2);
        mean.forEach((v, j) => expect(flat[j]).toBeCloseTo(v, 4));
      }
      tf.dispose([xt, y]);
    });
  }

  it('nonlinear A (linear: false): finite-difference JVPs give the linearised posterior mean', () => {
    // A(x) = subsample(x + 0.3·x²): J at x̂ = subsample rows scaled by (1 + 0.6·x̂).
    const sub = (x: tf.Tensor) => subsample(x, 2);
    const A = (x: tf.Tensor) => tf.tidy(() => sub(tf.add(x, tf.mul(tf.square(x), 0.3))));
    const sigma = 0.6;
    const xt = tf.randomNormal([1, 4, 4, 1], 0, Math.sqrt(1 + sigma * sigma), 'float32', 5);
    const y = tf.tensor2d([[0.4, -0.3, 0.9, 0.1]]);
    const got = (
      mmpsDenoiser(standardGaussian, { y, A, varY, iterations: 4, linear: false })(xt, tf.tensor1d([sigma])).arraySync() as number[][][][]
    )[0]!.flat(2);
    const S = denseMatrix(sub, [4, 4, 1]);
    const s = (sigma * sigma) / (1 + sigma * sigma);
    const xhat = (xt.arraySync() as number[][][][])[0]!.flat(2).map((v) => v / (1 + sigma * sigma));
    const J = S.map((row) => row.map((a, j) => a * (1 + 0.6 * xhat[j]!)));
    const Ax = S.map((row) => row.reduce((acc, a, j) => acc + a * (xhat[j]! + 0.3 * xhat[j]! ** 2), 0));
    const r = (y.arraySync() as number[][])[0]!.map((v, i) => v - Ax[i]!);
    const K = J.map((ri, i) => J.map((rj, j) => s * ri.reduce((acc, a, k) => acc + a * rj[k]!, 0) + (i === j ? varY : 0)));
    const u = solveLinear(K, r);
    const mean = xhat.map((v, j) => v + s * J.reduce((acc, row, i) => acc + row[j]! * u[i]!, 0));
    mean.forEach((v, j) => expect(got[j]).toBeCloseTo(v, 3));
    // The linear assumption on this A would be wrong: the answers differ.
    const wrong = (
      mmpsDenoiser(standardGaussian, { y, A, varY, iterations: 4 })(xt, tf.tensor1d([sigma])).arraySync() as number[][][][]
    )[0]!.flat(2);
    expect(Math.max(...wrong.map((v, j) => Math.abs(v - mean[j]!)))).toBeGreaterThan(1e-2);
    tf.dispose([xt, y]);
  });

  it('guided AB sampling matches the exact posterior mean of a Gaussian prior', () => {
    // Prior N(0, I) on 4×4, y = downscale(x) + noise: posterior mean = Aᵀ(AAᵀ + var_y I)⁻¹ y.
    const A = (x: tf.Tensor) => downscale(x, 2);
    const schedule = logLogitSchedule();
    const yRow = [1.0, -0.5, 0.25, 0.8];
    const n = 256;
    const y = tf.tensor2d([yRow]);
    const x1 = initialNoise([n, 4, 4, 1], schedule, new Rng(21));
    const before = tf.memory().numTensors;
    const x0 = sampleAdamsBashforth(mmpsDenoiser(standardGaussian, { y, A, varY, iterations: 1 }), x1, schedule, 16);
    expect(tf.memory().numTensors).toBe(before + 1);
    const mean = tf.mean(x0, 0).dataSync();
    // AAᵀ = I/4 (each pixel in one 2×2 block with weight 1/4): posterior mean = y_i/(1/4 + var_y)/4 in block i.
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const block = Math.floor(i / 2) * 2 + Math.floor(j / 2);
        const expected = yRow[block]! / (0.25 + varY) / 4;
        expect(Math.abs(mean[i * 4 + j]! - expected)).toBeLessThan(0.15);
      }
    }
    // Block means (the observed quantity) are pinned much more tightly than the pixel spread.
    const blockMean = downscale(tf.mean(x0, 0, true), 2).dataSync();
    yRow.forEach((v, i) => expect(blockMean[i]).toBeCloseTo((v * 0.25) / (0.25 + varY), 1));
    tf.dispose([y, x1, x0]);
  });
});
