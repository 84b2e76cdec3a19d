/**
 * Physical fields and diagnostics of a {@link RayleighBenardSolver} state (`docs/simulators.md`
 * §3.5): velocity from the streamfunction, Nusselt numbers and kinetic energy.
 *
 * All physical arrays are (nz + 1) × nx on the nodes z_j = j/nz (row j, x inner).
 */
import { irfftRows } from '@lola-ts/numerics';
import type { RayleighBenardSolver } from './solver.js';

/** Physical buoyancy and velocity on all nodes (walls included). */
export interface RbPhysicalFields {
  b: Float64Array;
  u: Float64Array;
  w: Float64Array;
}

/** Spectral û = ∂zψ̂ (m ≥ 1; U for m = 0) and ŵ = −ik ψ̂ on all rows (zero at the walls). */
export function velocitySpectra(s: RayleighBenardSolver): {
  u: { re: Float64Array; im: Float64Array };
  w: { re: Float64Array; im: Float64Array };
} {
  const { nz, nk, mAct, h, k } = s.grid;
  const size = (nz + 1) * nk;
  const u = { re: new Float64Array(size), im: new Float64Array(size) };
  const w = { re: new Float64Array(size), im: new Float64Array(size) };
  const { re, im } = s.psi;
  for (let j = 1; j < nz; j++) {
    const o = j * nk;
    u.re[o] = re[o];
    for (let m = 1; m < mAct; m++) {
      const i = o + m;
      u.re[i] = (re[i + nk] - re[i - nk]) / (2 * h);
      u.im[i] = (im[i + nk] - im[i - nk]) / (2 * h);
      w.re[i] = k[m] * im[i];
      w.im[i] = -k[m] * re[i];
    }
  }
  return { u, w };
}

/** Buoyancy and velocity on the (nz + 1) × nx nodes. */
export function physicalFields(s: RayleighBenardSolver): RbPhysicalFields {
  const { nx, nz } = s.grid;
  const { u, w } = velocitySpectra(s);
  return {
    b: irfftRows(s.b, nz + 1, nx),
    u: irfftRows(u, nz + 1, nx),
    w: irfftRows(w, nz + 1, nx),
  };
}

/** Horizontal mean of a physical (nz + 1) × nx field, per node row. */
export function horizontalMean(f: Float64Array, nx: number, nz: number): Float64Array {
  const out = new Float64Array(nz + 1);
  for (let j = 0; j <= nz; j++) {
    let s = 0;
    for (let i = j * nx; i < (j + 1) * nx; i++) s += f[i];
    out[j] = s / nx;
  }
  return out;
}

/** Trapezoid-rule ∫₀¹ of a profile on the nz + 1 nodes. */
export function trapezoid(profile: Float64Array): number {
  const nz = profile.length - 1;
  let s = 0.5 * (profile[0] + profile[nz]);
  for (let j = 1; j < nz; j++) s += profile[j];
  return s / nz;
}

/** Nusselt numbers of the current state. */
export interface NusseltNumbers {
  /** Nu_vol = 1 + ⟨w b⟩/κ (volume average, trapezoid in z). */
  volume: number;
  /** Nu_wall = −∂z⟨b⟩ at z = 0 and at z = 1 (second-order one-sided differences). */
  bottom: number;
  top: number;
}

/**
 * Nusselt numbers (docs/simulators.md §3.5 item 4): Nu_vol = 1 + ⟨wb⟩/κ and Nu_wall = −∂z⟨b⟩_x at each wall,
 * normalised by the conductive flux (b(0) − b(1))/1 so that the conduction state has Nu = 1.
 */
export function nusselt(s: RayleighBenardSolver, fields = physicalFields(s)): NusseltNumbers {
  const { nx, nz, h } = s.grid;
  const wb = new Float64Array(fields.w.length);
  for (let i = 0; i < wb.length; i++) wb[i] = fields.w[i] * fields.b[i];
  const jump = s.bBottom - s.bTop;
  const bm = horizontalMean(fields.b, nx, nz);
  const flux = trapezoid(horizontalMean(wb, nx, nz));
  return {
    volume: (jump * s.kappa + flux) / (jump * s.kappa),
    bottom: -(-3 * bm[0] + 4 * bm[1] - bm[2]) / (2 * h) / jump,
    top: -(3 * bm[nz] - 4 * bm[nz - 1] + bm[nz - 2]) / (2 * h) / jump,
  };
}

/** Kinetic energy ½⟨u² + w²⟩ (volume average, trapezoid in z). */
export function kineticEnergy(s: RayleighBenardSolver, fields = physicalFields(s)): number {
  const { nx, nz } = s.grid;
  const e = new Float64Array(fields.u.length);
  for (let i = 0; i < e.length; i++) e[i] = 0.5 * (fields.u[i] ** 2 + fields.w[i] ** 2);
  return trapezoid(horizontalMean(e, nx, nz));
}

/** max |w| over the grid. */
export function maxAbs(f: Float64Array): number {
  let m = 0;
  for (let i = 0; i < f.length; i++) m = Math.max(m, Math.abs(f[i]));
  return m;
}
