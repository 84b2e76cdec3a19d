/**
 * Gray–Scott reaction–diffusion solver: Fourier pseudo-spectral in space on a periodic square,
 * 2/3-rule dealiasing of the nonlinear terms, ETDRK4 in time (`docs/simulators.md` §4.1, the
 * method of Chebfun's `spin2` used by The Well's `gen_gs.m`).
 *
 * In Fourier space each mode obeys û' = λ û + N̂(u), λ = −δ |κ|², κ = (2π/L)(m_x, m_y), with
 * N = (−AB² + F(1 − A), AB² − (F + k)B). The two real fields share every complex transform:
 * A + iB is inverted in one 2-D FFT, and N_A + iN_B is transformed in one and split with
 * N̂_A(κ) = (W(κ) + W(−κ)*)/2, N̂_B(κ) = (W(κ) − W(−κ)*)/(2i). So an ETDRK4 step costs
 * 4 nonlinear evaluations × 2 complex 2-D FFTs.
 *
 * Grid: n × n points x_i = x₀ + i·L/n (default [−1, 1): x₀ = −1, L = 2, Chebfun's `trigpts`);
 * physical arrays are row-major `[i_x][i_y]` (index `i_x·n + i_y`), The Well's `[x, y]` order.
 */
import { fft2d, ifft2d } from '@lola-ts/numerics';
import { etdrk4Coefficients } from './etdrk4.js';
import { GRAY_SCOTT_DELTA_A, GRAY_SCOTT_DELTA_B } from './params.js';
import { SolverClock } from '../solver-clock.js';

export interface GrayScottSolverOptions {
  /** Points per side (power of two). */
  n: number;
  F: number;
  k: number;
  /** Diffusivities; default The Well's δA = 2e-5, δB = 1e-5. */
  deltaA?: number;
  deltaB?: number;
  /** Time step; default 1 (The Well). */
  dt?: number;
  /** Side length of the periodic square; default 2 ([−1, 1]²). */
  length?: number;
  /**
   * Dealiasing of the nonlinear terms (spectra of −AB² + F(1 − A), AB² − (F + k)B):
   * - `'two-thirds'` (default, also `true`): the 2/3 rule, modes with |m_x| ≥ n/3 or |m_y| ≥ n/3
   *   are zeroed;
   * - `'chebfun'`: the mask of Chebfun's `spin2` with `dealias on` (used for The Well's data):
   *   only modes whose |m_x| and |m_y| both lie in the top band |m| ≥ n/2 − ⌈n/6⌉ are zeroed
   *   (symmetrised in ±m so the fields stay real);
   * - `'none'` (or `false`): no dealiasing.
   * The Nyquist modes are always removed.
   */
  dealias?: boolean | 'two-thirds' | 'chebfun' | 'none';
}

/**
 * The dealiasing mask on the n × n spectrum in FFT order (index p·n + q, m = p or p − n): 1 where a
 * mode of the nonlinear terms is kept, 0 where it is removed (see `dealias`). Nyquist modes are 0.
 */
export function grayScottDealiasMask(n: number, dealias: GrayScottSolverOptions['dealias'] = true): Float64Array {
  const rule = dealias === true ? 'two-thirds' : dealias === false ? 'none' : dealias;
  if (rule !== 'two-thirds' && rule !== 'chebfun' && rule !== 'none') {
    throw new Error(`GrayScottSolver: dealias = '${String(rule)}'; expected 'two-thirds', 'chebfun' or 'none'`);
  }
  const kmax = n / 3;
  const band = n / 2 - Math.ceil(n / 6);
  const mask = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    const ap = Math.abs(p < n / 2 ? p : p - n);
    for (let q = 0; q < n; q++) {
      const aq = Math.abs(q < n / 2 ? q : q - n);
      const nyquist = 2 * ap === n || 2 * aq === n;
      const kept = rule === 'two-thirds' ? ap < kmax && aq < kmax : rule === 'chebfun' ? !(ap >= band && aq >= band) : true;
      mask[p * n + q] = kept && !nyquist ? 1 : 0;
    }
  }
  return mask;
}

export class GrayScottSolver extends SolverClock {
  readonly n: number;
  readonly F: number;
  readonly k: number;
  readonly dt: number;
  readonly length: number;

  /** Spectral state: Â (re, im) and B̂ (re, im), layout as the physical arrays. */
  private readonly v: Float64Array[];
  private readonly nv: Float64Array[];
  private readonly na: Float64Array[];
  private readonly nb: Float64Array[];
  private readonly nc: Float64Array[];
  private readonly sa: Float64Array[];
  private readonly sb: Float64Array[];
  /** ETDRK4 coefficients per mode, species A then B: E, E2, Q, f1, f2, f3. */
  private readonly coefA: Float64Array[];
  private readonly coefB: Float64Array[];
  /** 1 where a mode survives the 2/3 rule, else 0. */
  private readonly mask: Float64Array;
  /** Index of −κ for each mode. */
  private readonly mirror: Int32Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  constructor(options: GrayScottSolverOptions) {
    super();
    const { n, F, k } = options;
    if (!Number.isInteger(n) || n < 4 || (n & (n - 1)) !== 0) throw new Error(`GrayScottSolver: n = ${n}; expected a power of two ≥ 4`);
    for (const [name, value] of [
      ['F', F],
      ['k', k],
    ] as const) {
      if (!Number.isFinite(value) || value < 0) throw new Error(`GrayScottSolver: ${name} = ${value}; expected a finite number ≥ 0`);
    }
    const deltaA = options.deltaA ?? GRAY_SCOTT_DELTA_A;
    const deltaB = options.deltaB ?? GRAY_SCOTT_DELTA_B;
    if (!(deltaA >= 0) || !(deltaB >= 0)) throw new Error(`GrayScottSolver: diffusivities must be ≥ 0, got ${deltaA}, ${deltaB}`);
    this.n = n;
    this.F = F;
    this.k = k;
    this.dt = options.dt ?? 1;
    if (!(this.dt > 0)) throw new Error(`GrayScottSolver: dt = ${this.dt}; expected > 0`);
    this.length = options.length ?? 2;
    if (!(this.length > 0)) throw new Error(`GrayScottSolver: length = ${this.length}; expected > 0`);
    const size = n * n;
    const quad = () => [0, 1, 2, 3].map(() => new Float64Array(size));
    this.v = quad();
    this.nv = quad();
    this.na = quad();
    this.nb = quad();
    this.nc = quad();
    this.sa = quad();
    this.sb = quad();
    this.workRe = new Float64Array(size);
    this.workIm = new Float64Array(size);
    this.mirror = new Int32Array(size);
    this.mask = grayScottDealiasMask(n, options.dealias ?? true);
    const ks = (2 * Math.PI) / this.length;
    const lamA = new Float64Array(size);
    const lamB = new Float64Array(size);
    for (let p = 0; p < n; p++) {
      const mp = p < n / 2 ? p : p - n;
      for (let q = 0; q < n; q++) {
        const mq = q < n / 2 ? q : q - n;
        const i = p * n + q;
        const k2 = ks * ks * (mp * mp + mq * mq);
        lamA[i] = -deltaA * k2;
        lamB[i] = -deltaB * k2;
        this.mirror[i] = ((n - p) % n) * n + ((n - q) % n);
      }
    }
    const cA = etdrk4Coefficients(lamA, this.dt);
    const cB = etdrk4Coefficients(lamB, this.dt);
    this.coefA = [cA.E, cA.E2, cA.Q, cA.f1, cA.f2, cA.f3];
    this.coefB = [cB.E, cB.E2, cB.Q, cB.f1, cB.f2, cB.f3];
  }

  /** Sets the state from physical fields A, B (`[i_x][i_y]`, length n²); resets nothing else. */
  setState(A: ArrayLike<number>, B: ArrayLike<number>): void {
    const size = this.n * this.n;
    if (A.length !== size || B.length !== size)
      throw new Error(`GrayScottSolver.setState: A and B must have n² = ${size} values, got ${A.length} and ${B.length}`);
    const { workRe, workIm } = this;
    for (let i = 0; i < size; i++) {
      workRe[i] = A[i];
      workIm[i] = B[i];
    }
    fft2d(workRe, workIm, this.n, this.n);
    this.split(this.v, false);
  }

  /** Physical fields (new arrays, or written into `out`). */
  getState(out?: { A: Float64Array; B: Float64Array }): { A: Float64Array; B: Float64Array } {
    const size = this.n * this.n;
    const res = out ?? { A: new Float64Array(size), B: new Float64Array(size) };
    this.toPhysical(this.v);
    res.A.set(this.workRe);
    res.B.set(this.workIm);
    return res;
  }

  /** Advances `count` ETDRK4 steps of size dt. */
  step(count = 1): void {
    for (let s = 0; s < count; s++) this.singleStep();
  }

  private singleStep(): void {
    const size = this.n * this.n;
    const { v, nv, na, nb, nc, sa, sb, coefA, coefB } = this;
    this.nonlinear(v, nv);
    this.stage(v, nv, sa); // a = E2 v + Q N(v)
    this.nonlinear(sa, na);
    this.stage(v, na, sb); // b = E2 v + Q N(a)
    this.nonlinear(sb, nb);
    // c = E2 a + Q (2N(b) − N(v)), written over sb (no longer needed); nc holds 2N(b) − N(v) until N(c) replaces it.
    for (let c = 0; c < 4; c++) {
      const nbv = nb[c],
        nvv = nv[c],
        tmp = nc[c];
      for (let i = 0; i < size; i++) tmp[i] = 2 * nbv[i] - nvv[i];
    }
    this.stage(sa, nc, sb);
    this.nonlinear(sb, nc);
    // v = E v + f1 N(v) + 2 f2 (N(a) + N(b)) + f3 N(c)
    for (let c = 0; c < 4; c++) {
      const [E, , , f1, f2, f3] = c < 2 ? coefA : coefB;
      const vv = v[c],
        n0 = nv[c],
        n1 = na[c],
        n2 = nb[c],
        n3 = nc[c];
      for (let i = 0; i < size; i++) vv[i] = E[i] * vv[i] + f1[i] * n0[i] + 2 * f2[i] * (n1[i] + n2[i]) + f3[i] * n3[i];
    }
    this.steps++;
    this.t = this.steps * this.dt;
  }

  /** ETDRK4 stage `out = E2 x + Q y` per spectral component, with the coefficients of its species (A: 0–1, B: 2–3). */
  private stage(x: Float64Array[], y: Float64Array[], out: Float64Array[]): void {
    const size = this.n * this.n;
    for (let c = 0; c < 4; c++) {
      const [, E2, Q] = c < 2 ? this.coefA : this.coefB;
      const xx = x[c],
        yy = y[c],
        o = out[c];
      for (let i = 0; i < size; i++) o[i] = E2[i] * xx[i] + Q[i] * yy[i];
    }
  }

  /** Inverse transform of the spectral pair `s` into workRe = A, workIm = B. */
  private toPhysical(s: Float64Array[]): void {
    const size = this.n * this.n;
    const [aRe, aIm, bRe, bIm] = s;
    const { workRe, workIm } = this;
    for (let i = 0; i < size; i++) {
      workRe[i] = aRe[i] - bIm[i];
      workIm[i] = aIm[i] + bRe[i];
    }
    ifft2d(workRe, workIm, this.n, this.n);
  }

  /** Dealiased spectra of the reaction terms of the spectral state `s`, into `out`. */
  private nonlinear(s: Float64Array[], out: Float64Array[]): void {
    this.toPhysical(s);
    const size = this.n * this.n;
    const { workRe, workIm, F, k } = this;
    const fk = F + k;
    for (let i = 0; i < size; i++) {
      const A = workRe[i];
      const B = workIm[i];
      const ab2 = A * B * B;
      workRe[i] = -ab2 + F * (1 - A);
      workIm[i] = ab2 - fk * B;
    }
    fft2d(workRe, workIm, this.n, this.n);
    this.split(out, true);
  }

  /** Splits the transform W = FFT(a + ib) held in work into â, b̂ (optionally masked). */
  private split(out: Float64Array[], masked: boolean): void {
    const size = this.n * this.n;
    const { workRe, workIm, mirror, mask } = this;
    const [aRe, aIm, bRe, bIm] = out;
    for (let i = 0; i < size; i++) {
      const j = mirror[i];
      const m = masked ? 0.5 * mask[i] : 0.5;
      const wr = workRe[i],
        wi = workIm[i],
        vr = workRe[j],
        vi = workIm[j];
      aRe[i] = m * (wr + vr);
      aIm[i] = m * (wi - vi);
      bRe[i] = m * (wi + vi);
      bIm[i] = m * (vr - wr);
    }
  }
}
