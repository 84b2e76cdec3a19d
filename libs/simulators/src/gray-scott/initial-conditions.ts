/**
 * The two initial-condition families of The Well's Gray–Scott data (`docs/simulators.md` §4.1;
 * facts from danfortunato/spectral-gray-scott `gen_gs.m`, `random_gaussians.m`, `init_fourier.m`),
 * drawn from a seeded random source.
 *
 * 1. "gaussians": g(x, y) = Σ_i a_i exp(−s_i r_i²) with m ~ U{10..100} centres uniform in the
 *    square, a ~ U(1, 3), s ~ U(150, 300), tiled over the 3 × 3 periodic images;
 *    A = normalise(1 − g₁), B = normalise(g₂), normalise(u) = (u − min u)/max(u − min u).
 * 2. "fourier": A = Ā + ½ δ_A P₁, B = B̄ + ½ δ_B P₂, P the trigonometric interpolant of a
 *    32 × 32 grid of U(−½, ½) values. (Ā, B̄) is the homogeneous fixed point with the larger B
 *    when k < (√F − 2F)/2, with δ = 0.9 min(mean, 1 − mean) per species; otherwise (Ā, B̄) =
 *    (1, 0) and δ_A = δ_B = 1 (as `init_fourier.m` does).
 *
 * Grids are n × n points x_i = −1 + 2i/n on [−1, 1)² and arrays are `[i_x][i_y]`.
 */
import { fft2d, type RandomSource } from '@lola-ts/numerics';
import { grayScottFixedPoints } from './params.js';

/** The two families of The Well. */
export type GrayScottIcType = 'gaussians' | 'fourier';

/** A pair of physical fields on the n × n grid. */
export interface GrayScottFields {
  A: Float64Array;
  B: Float64Array;
}

/** Number of points per side of the random grid behind the "fourier" family. */
export const FOURIER_IC_POINTS = 32;

/**
 * Sum of m periodically tiled Gaussians a·exp(−s((x − cx)² + (y − cy)²)) on [−1, 1)², with m, a,
 * s, cx, cy drawn as in `random_gaussians.m` (m first, then all a, all s, all cx, all cy).
 * Each Gaussian is separable, so the 3 × 3 image sum factorises into (Σ x-images)(Σ y-images).
 */
export function randomGaussians(n: number, rng: RandomSource): Float64Array {
  const m = 10 + rng.int(91);
  const a = Array.from({ length: m }, () => rng.uniform(1, 3));
  const s = Array.from({ length: m }, () => rng.uniform(150, 300));
  const cx = Array.from({ length: m }, () => -1 + 2 * rng.uniform());
  const cy = Array.from({ length: m }, () => -1 + 2 * rng.uniform());
  const out = new Float64Array(n * n);
  const gx = new Float64Array(n);
  const gy = new Float64Array(n);
  for (let g = 0; g < m; g++) {
    for (let i = 0; i < n; i++) {
      const x = -1 + (2 * i) / n;
      let sx = 0;
      let sy = 0;
      for (let shift = -2; shift <= 2; shift += 2) {
        sx += Math.exp(-s[g] * (x - cx[g] + shift) ** 2);
        sy += Math.exp(-s[g] * (x - cy[g] + shift) ** 2);
      }
      gx[i] = a[g] * sx;
      gy[i] = sy;
    }
    for (let i = 0; i < n; i++) {
      const o = i * n;
      const gi = gx[i];
      for (let j = 0; j < n; j++) out[o + j] += gi * gy[j];
    }
  }
  return out;
}

/** normalise(u) = (u − min u)/max(u − min u), in place; a constant field becomes 0. */
export function normaliseField(u: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < u.length; i++) {
    if (u[i] < lo) lo = u[i];
    if (u[i] > hi) hi = u[i];
  }
  const span = hi - lo;
  for (let i = 0; i < u.length; i++) u[i] = span > 0 ? (u[i] - lo) / span : 0;
  return u;
}

/**
 * The trigonometric interpolant of the values `grid` (c × c, row-major, points −1 + 2i/c) evaluated
 * on the n × n grid. The Nyquist coefficient is split evenly between ±c/2 so the interpolant is
 * real and reproduces `grid` at the coarse points.
 */
export function trigInterpolate(grid: ArrayLike<number>, c: number, n: number): Float64Array {
  if (grid.length !== c * c) throw new Error(`trigInterpolate: grid has ${grid.length} values; expected ${c}·${c}`);
  const re = Float64Array.from(grid);
  const im = new Float64Array(c * c);
  fft2d(re, im, c, c);
  const half = c / 2;
  const modes = c % 2 === 0 ? 2 * half + 1 : c; // m = −c/2..c/2 (even c)
  const mOf = (t: number) => t - Math.floor(c / 2);
  const weight = (m: number) => (c % 2 === 0 && Math.abs(m) === half ? 0.5 : 1);
  const idx = (m: number) => ((m % c) + c) % c;
  // Twiddles e^{2πi m j/n} for every mode and fine index.
  const cosT = new Float64Array(modes * n);
  const sinT = new Float64Array(modes * n);
  for (let t = 0; t < modes; t++) {
    const m = mOf(t);
    for (let j = 0; j < n; j++) {
      const th = (2 * Math.PI * m * j) / n;
      cosT[t * n + j] = Math.cos(th);
      sinT[t * n + j] = Math.sin(th);
    }
  }
  // T[p][j] = Σ_q w_q C[p, q] e^{2πi q j/n}
  const tRe = new Float64Array(modes * n);
  const tIm = new Float64Array(modes * n);
  const scale = 1 / (c * c);
  for (let tp = 0; tp < modes; tp++) {
    const rp = idx(mOf(tp)) * c;
    for (let tq = 0; tq < modes; tq++) {
      const w = weight(mOf(tq)) * scale;
      const cr = re[rp + idx(mOf(tq))] * w;
      const ci = im[rp + idx(mOf(tq))] * w;
      const o = tq * n;
      const ot = tp * n;
      for (let j = 0; j < n; j++) {
        tRe[ot + j] += cr * cosT[o + j] - ci * sinT[o + j];
        tIm[ot + j] += cr * sinT[o + j] + ci * cosT[o + j];
      }
    }
  }
  // f[i][j] = Re Σ_p w_p T[p][j] e^{2πi p i/n}
  const out = new Float64Array(n * n);
  for (let tp = 0; tp < modes; tp++) {
    const w = weight(mOf(tp));
    const ot = tp * n;
    for (let i = 0; i < n; i++) {
      const cs = cosT[ot + i] * w;
      const sn = sinT[ot + i] * w;
      const o = i * n;
      for (let j = 0; j < n; j++) out[o + j] += tRe[ot + j] * cs - tIm[ot + j] * sn;
    }
  }
  return out;
}

/** Base state and perturbation sizes of the "fourier" family (as `init_fourier.m`). */
export function fourierIcBase(F: number, k: number): { meanA: number; meanB: number; deltaA: number; deltaB: number } {
  const fps = grayScottFixedPoints(F, k);
  if (fps.length === 0) return { meanA: 1, meanB: 0, deltaA: 1, deltaB: 1 };
  const { A, B } = fps[0];
  return { meanA: A, meanB: B, deltaA: 0.9 * Math.min(A, 1 - A), deltaB: 0.9 * Math.min(B, 1 - B) };
}

/** Draws one initial condition of the given family on the n × n grid. */
export function sampleGrayScottIc(type: GrayScottIcType, n: number, F: number, k: number, rng: RandomSource): GrayScottFields {
  if (type === 'gaussians') {
    const g1 = randomGaussians(n, rng);
    for (let i = 0; i < g1.length; i++) g1[i] = 1 - g1[i];
    const g2 = randomGaussians(n, rng);
    return { A: normaliseField(g1), B: normaliseField(g2) };
  }
  if (type === 'fourier') {
    const base = fourierIcBase(F, k);
    const c = FOURIER_IC_POINTS;
    const draw = () => Float64Array.from({ length: c * c }, () => rng.uniform() - 0.5);
    const pA = trigInterpolate(draw(), c, n);
    const pB = trigInterpolate(draw(), c, n);
    for (let i = 0; i < n * n; i++) {
      pA[i] = base.meanA + 0.5 * base.deltaA * pA[i];
      pB[i] = base.meanB + 0.5 * base.deltaB * pB[i];
    }
    return { A: pA, B: pB };
  }
  throw new Error(`gray-scott: unknown initial-condition type '${String(type)}'; expected 'gaussians' or 'fourier'`);
}
