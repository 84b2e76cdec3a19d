/**
 * z-direction finite-difference operators of the Rayleigh–Bénard solver (`docs/simulators.md`
 * §3.3 option A): second-order central differences on the nz + 1 uniform nodes z_j = j·h,
 * h = 1/nz, per Fourier mode k_m = 2πm/Lx, and the banded matrices of the implicit stages.
 *
 * Streamfunction operators (ψ = 0 and ∂zψ = 0 at both walls through the ghost value ψ₋₁ = ψ₁):
 *   (Wψ)_j = (ψ_{j+1} − 2ψ_j + ψ_{j−1})/h² − k²ψ_j = −ω_j for 1 ≤ j ≤ nz − 1,
 *   (Wψ)_0 = 2ψ₁/h², (Wψ)_nz = 2ψ_{nz−1}/h²  (Thom's wall vorticity ω_wall = −2ψ₁/h²),
 *   (Vψ)_j = (W(Wψ))_j = ∇⁴ψ, the clamped biharmonic: stencil [1, −4, 6, −4, 1]/h⁴ plus the
 *   k² terms, with 7/h⁴ on the diagonal of the first and last interior rows.
 * The vorticity equation ω_t = ν∇²ω + … with ω = −Wψ becomes (−W + cV)ψⁿ⁺¹ = RHS for an
 * implicit stage with c = β·dt·ν: a symmetric positive definite pentadiagonal solve per mode.
 */
import type { PentaBands } from './banded.js';

/** Grid constants shared by the solver parts. */
export interface RbGrid {
  readonly nx: number;
  readonly nz: number;
  /** nx/2 + 1 stored modes per row. */
  readonly nk: number;
  /** Modes actually evolved (m < mAct): the 2/3 rule keeps m < nx/3. */
  readonly mAct: number;
  readonly lx: number;
  readonly h: number;
  /** Wavenumbers k_m = 2πm/Lx, m = 0..nk − 1. */
  readonly k: Float64Array;
}

/** Builds the grid constants. */
export function makeRbGrid(nx: number, nz: number, lx: number, dealias: boolean): RbGrid {
  const nk = (nx >> 1) + 1;
  let mAct = dealias ? Math.ceil(nx / 3) : nx >> 1;
  mAct = Math.max(1, Math.min(mAct, nx >> 1));
  const k = Float64Array.from({ length: nk }, (_, m) => (2 * Math.PI * m) / lx);
  return { nx, nz, nk, mAct, lx, h: 1 / nz, k };
}

/**
 * Bands (interior rows j = 1..nz − 1) of the implicit streamfunction matrix −W + cV for m ≥ 1,
 * and of the mean-flow matrix I − c·D² (homogeneous Dirichlet) for m = 0, c = β·dt·ν.
 * Modes m ≥ mAct get the identity.
 */
export function streamfunctionBands(g: RbGrid, c: number, bands: PentaBands): void {
  const { nz, nk, mAct, h, k } = g;
  const n = nz - 1;
  const h2 = 1 / (h * h);
  const h4 = h2 * h2;
  for (let r = 0; r < n; r++) {
    const end = r === 0 || r === n - 1;
    for (let m = 0; m < nk; m++) {
      const i = r * nk + m;
      const k2 = k[m] * k[m];
      let a = 0,
        b = 0,
        d = 1,
        e = 0,
        f = 0;
      if (m === 0) {
        d = 1 + 2 * c * h2;
        b = e = -c * h2;
      } else if (m < mAct) {
        d = 2 * h2 + k2 + c * (6 * h4 + 4 * k2 * h2 + k2 * k2 + (end ? h4 : 0));
        b = e = -h2 - c * (4 * h4 + 2 * k2 * h2);
        a = f = c * h4;
      }
      bands.a[i] = r >= 2 ? a : 0;
      bands.b[i] = r >= 1 ? b : 0;
      bands.d[i] = d;
      bands.e[i] = r + 1 < n ? e : 0;
      bands.f[i] = r + 2 < n ? f : 0;
    }
  }
}

/** Bands of I − c·(D² − k²) (Dirichlet walls) for the buoyancy, c = β·dt·κ. */
export function buoyancyBands(g: RbGrid, c: number, bands: PentaBands): void {
  const { nz, nk, mAct, h, k } = g;
  const n = nz - 1;
  const h2 = 1 / (h * h);
  for (let r = 0; r < n; r++) {
    for (let m = 0; m < nk; m++) {
      const i = r * nk + m;
      const active = m < mAct;
      bands.a[i] = 0;
      bands.f[i] = 0;
      bands.d[i] = active ? 1 + c * (2 * h2 + k[m] * k[m]) : 1;
      bands.b[i] = active && r >= 1 ? -c * h2 : 0;
      bands.e[i] = active && r + 1 < n ? -c * h2 : 0;
    }
  }
}

/**
 * φ = Wψ on all rows j = 0..nz for modes 1 ≤ m < mAct (re and im), with Thom's wall rows.
 * Rows of `psi` and `phi` are `nk` long; ψ's wall rows must hold zeros.
 */
export function applyW(g: RbGrid, psiRe: Float64Array, psiIm: Float64Array, phiRe: Float64Array, phiIm: Float64Array): void {
  const { nz, nk, mAct, h, k } = g;
  const h2 = 1 / (h * h);
  for (let j = 1; j < nz; j++) {
    const o = j * nk;
    for (let m = 1; m < mAct; m++) {
      const i = o + m;
      const c0 = -2 * h2 - k[m] * k[m];
      phiRe[i] = (psiRe[i + nk] + psiRe[i - nk]) * h2 + c0 * psiRe[i];
      phiIm[i] = (psiIm[i + nk] + psiIm[i - nk]) * h2 + c0 * psiIm[i];
    }
  }
  const top = nz * nk;
  for (let m = 1; m < mAct; m++) {
    phiRe[m] = 2 * h2 * psiRe[nk + m];
    phiIm[m] = 2 * h2 * psiIm[nk + m];
    phiRe[top + m] = 2 * h2 * psiRe[top - nk + m];
    phiIm[top + m] = 2 * h2 * psiIm[top - nk + m];
  }
}
