/**
 * Pressure of a Rayleigh–Bénard state (The Well stores it; `docs/simulators.md` §3.3 option A):
 *   ∇²p = ∂z b + 2(∂x u ∂z w − ∂z u ∂x w)   (divergence of the momentum equation, ∇·u = 0),
 *   ∂z p = b + ν ∂zz w at the walls          (w-momentum at a no-slip wall; ∂zz w = ∂x ω there),
 *   ∫p = 0                                    (gauge, as Dedalus).
 * Modes m ≥ 1: second-order finite differences on the nz + 1 nodes with the Neumann condition
 * through a ghost node, one tridiagonal solve per mode. Mode 0: the x-averaged w-momentum gives
 * ∂z p̄ = b̄ − ∂z⟨w²⟩ exactly, integrated with the trapezoid rule; the constant is fixed with
 * Simpson's rule (exact for the conduction profile p = z − z²/2 − 1/3).
 */
import { irfftRows, rfftRows } from '@lola-ts/numerics';
import { allocPentaBands, factorPenta, solvePenta } from './banded.js';
import { horizontalMean, velocitySpectra } from './diagnostics.js';
import type { RayleighBenardSolver } from './solver.js';

/** Pressure on the (nz + 1) × nx nodes (row j = height j/nz, x inner). */
export function rbPressure(s: RayleighBenardSolver): Float64Array {
  const { nx, nz, nk, mAct, h, k } = s.grid;
  const rows = nz + 1;
  const size = rows * nk;
  const { u, w } = velocitySpectra(s);
  // Physical ∂x u, ∂z w, ∂z u, ∂x w (interior rows; the product vanishes at the walls).
  const dxu = { re: new Float64Array(size), im: new Float64Array(size) };
  const dzw = { re: new Float64Array(size), im: new Float64Array(size) };
  const dzu = { re: new Float64Array(size), im: new Float64Array(size) };
  const dxw = { re: new Float64Array(size), im: new Float64Array(size) };
  for (let j = 1; j < nz; j++) {
    const o = j * nk;
    for (let m = 0; m < mAct; m++) {
      const i = o + m;
      dxu.re[i] = -k[m] * u.im[i];
      dxu.im[i] = k[m] * u.re[i];
      dxw.re[i] = -k[m] * w.im[i];
      dxw.im[i] = k[m] * w.re[i];
      dzw.re[i] = (w.re[i + nk] - w.re[i - nk]) / (2 * h);
      dzw.im[i] = (w.im[i + nk] - w.im[i - nk]) / (2 * h);
      dzu.re[i] = (u.re[i + nk] - u.re[i - nk]) / (2 * h);
      dzu.im[i] = (u.im[i + nk] - u.im[i - nk]) / (2 * h);
    }
  }
  const pdxu = irfftRows(dxu, rows, nx);
  const pdzw = irfftRows(dzw, rows, nx);
  const pdzu = irfftRows(dzu, rows, nx);
  const pdxw = irfftRows(dxw, rows, nx);
  const pw = irfftRows(w, rows, nx);
  const src = new Float64Array(rows * nx);
  const w2 = new Float64Array(rows * nx);
  for (let i = 0; i < src.length; i++) {
    src[i] = 2 * (pdxu[i] * pdzw[i] - pdzu[i] * pdxw[i]);
    w2[i] = pw[i] * pw[i];
  }
  const rhs = rfftRows(src, rows, nx);
  const b = s.b;
  // + ∂z b (central inside, second-order one-sided at the walls).
  for (let m = 1; m < mAct; m++) {
    for (let j = 0; j <= nz; j++) {
      const i = j * nk + m;
      let dr: number, di: number;
      if (j === 0) {
        dr = (-3 * b.re[i] + 4 * b.re[i + nk] - b.re[i + 2 * nk]) / (2 * h);
        di = (-3 * b.im[i] + 4 * b.im[i + nk] - b.im[i + 2 * nk]) / (2 * h);
      } else if (j === nz) {
        dr = (3 * b.re[i] - 4 * b.re[i - nk] + b.re[i - 2 * nk]) / (2 * h);
        di = (3 * b.im[i] - 4 * b.im[i - nk] + b.im[i - 2 * nk]) / (2 * h);
      } else {
        dr = (b.re[i + nk] - b.re[i - nk]) / (2 * h);
        di = (b.im[i + nk] - b.im[i - nk]) / (2 * h);
      }
      rhs.re[i] += dr;
      rhs.im[i] += di;
    }
  }
  // Neumann data g = b + ν ∂x ω at the walls, ω_wall = −2ψ₁/h² (Thom); enters as ∓2g/h.
  const psi = s.psi;
  const top = nz * nk;
  for (let m = 1; m < mAct; m++) {
    const h2 = 1 / (h * h);
    const omBotRe = -2 * h2 * psi.re[nk + m];
    const omBotIm = -2 * h2 * psi.im[nk + m];
    const omTopRe = -2 * h2 * psi.re[top - nk + m];
    const omTopIm = -2 * h2 * psi.im[top - nk + m];
    const gBotRe = b.re[m] - s.nu * k[m] * omBotIm;
    const gBotIm = b.im[m] + s.nu * k[m] * omBotRe;
    const gTopRe = b.re[top + m] - s.nu * k[m] * omTopIm;
    const gTopIm = b.im[top + m] + s.nu * k[m] * omTopRe;
    rhs.re[m] += (2 * gBotRe) / h;
    rhs.im[m] += (2 * gBotIm) / h;
    rhs.re[top + m] -= (2 * gTopRe) / h;
    rhs.im[top + m] -= (2 * gTopIm) / h;
  }
  // Solve −(D² − k²) p = −rhs per mode (positive diagonal, diagonally dominant for k > 0).
  const bands = allocPentaBands(rows, nk);
  const h2 = 1 / (h * h);
  for (let j = 0; j <= nz; j++) {
    for (let m = 0; m < nk; m++) {
      const i = j * nk + m;
      const active = m >= 1 && m < mAct;
      bands.d[i] = active ? 2 * h2 + k[m] * k[m] : 1;
      bands.b[i] = active && j >= 1 ? (j === nz ? -2 * h2 : -h2) : 0;
      bands.e[i] = active && j < nz ? (j === 0 ? -2 * h2 : -h2) : 0;
    }
  }
  for (let i = 0; i < size; i++) {
    rhs.re[i] = -rhs.re[i];
    rhs.im[i] = -rhs.im[i];
  }
  solvePenta(factorPenta(bands, rows, nk), rhs.re, rhs.im, 0, mAct);
  for (let j = 0; j <= nz; j++) {
    for (let m = mAct; m < nk; m++) {
      rhs.re[j * nk + m] = 0;
      rhs.im[j * nk + m] = 0;
    }
  }
  // Mode 0: p̄(z) = ∫₀^z b̄ − ⟨w²⟩ + c with ∫₀¹ p̄ = 0 (Simpson).
  const bBar = new Float64Array(rows);
  for (let j = 0; j <= nz; j++) bBar[j] = b.re[j * nk] / nx;
  const w2Bar = horizontalMean(w2, nx, nz);
  const pBar = new Float64Array(rows);
  for (let j = 1; j <= nz; j++) pBar[j] = pBar[j - 1] + 0.5 * h * (bBar[j] + bBar[j - 1]);
  for (let j = 0; j <= nz; j++) pBar[j] -= w2Bar[j];
  let mean = pBar[0] + pBar[nz];
  for (let j = 1; j < nz; j++) mean += (j % 2 === 1 ? 4 : 2) * pBar[j];
  mean *= h / 3;
  for (let j = 0; j <= nz; j++) {
    rhs.re[j * nk] = nx * (pBar[j] - mean);
    rhs.im[j * nk] = 0;
  }
  return irfftRows(rhs, rows, nx);
}
