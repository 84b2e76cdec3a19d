/**
 * 2-D Rayleigh–Bénard convection in free-fall units (`docs/simulators.md` §3.1, `docs/well-format.md`
 * §8.3): ∇·u = 0, ∂t b − κ∇²b = −u·∇b, ∂t u − ν∇²u + ∇p − b e_z = −u·∇u, κ = (Ra·Pr)^−½,
 * ν = (Ra/Pr)^−½, on [0, Lx) × [0, 1], periodic in x, no-slip walls with b(0) = 1, b(1) = 0.
 *
 * Scheme (docs/simulators.md §3.3 option A, vorticity–streamfunction):
 * - Fourier in x (real FFTs of `@lola-ts/numerics`, 2/3-rule dealiasing), second-order finite
 *   differences on nz + 1 uniform nodes in z.
 * - Unknowns per mode m ≥ 1: ψ̂ with u = ∂zψ, w = −∂xψ, ω = ∂x w − ∂z u = −∇²ψ, ψ = ∂zψ = 0 at
 *   the walls (no-slip through the implicit biharmonic, see `operators.ts`). Mode 0 carries the
 *   mean horizontal velocity U(z) instead: ∂t U = ν∂zz U − ∂z⟨uw⟩, U = 0 at the walls (so a mean
 *   shear flow may develop, as in Dedalus).
 * - Vorticity and buoyancy advection in conservative form ∇·(u ω), ∇·(u b) (products in physical
 *   space, central ∂z), buoyancy torque +∂x b.
 * - Time: the low-storage IMEX RK3/Crank–Nicolson scheme of Spalart, Moser & Rogers (1991):
 *   (I − β_s dt L) q_{s+1} = (I + α_s dt L) q_s + dt (γ_s N(q_s) + ζ_s N(q_{s−1})), viscosity and
 *   diffusion implicit (banded solves per mode), advection and buoyancy explicit.
 *
 * State layout: spectral arrays of (nz + 1) rows × nk = nx/2 + 1 modes (row-major, mode inner),
 * split re/im, scaled like the unnormalised forward real FFT (mode 0 = nx × row mean).
 */
import { rfftRows } from '@lola-ts/numerics';
import { allocPentaBands, factorPenta, solvePenta, solveTri, type PentaFactors } from './banded.js';
import { SimulationDivergedError } from '../system.js';
import { RbNonlinear } from './nonlinear.js';
import { applyW, buoyancyBands, makeRbGrid, streamfunctionBands, type RbGrid } from './operators.js';
import { SolverClock } from '../solver-clock.js';

/** Options of {@link RayleighBenardSolver}. */
export interface RayleighBenardOptions {
  /** Fourier points in x (power of two ≥ 4). */
  nx: number;
  /** Finite-difference intervals in z (even, ≥ 4); nodes z_j = j/nz. */
  nz: number;
  /** Rayleigh and Prandtl numbers. */
  Ra: number;
  Pr: number;
  /** Box length; default 4 (The Well's aspect ratio 4:1). */
  lx?: number;
  /** 2/3-rule dealiasing in x; default true. */
  dealias?: boolean;
  /** Advective CFL number dt·(k_max|u| + |w|/h) ≤ cfl; default 1 (RK3 limit √3). */
  cfl?: number;
  /** Largest time step; default 0.05. */
  maxDt?: number;
  /** Wall buoyancies; default b(0) = 1, b(1) = 0. */
  bBottom?: number;
  bTop?: number;
}

const ALPHA = [29 / 96, -3 / 40, 1 / 6];
const BETA = [37 / 160, 5 / 24, 1 / 6];
const GAMMA = [8 / 15, 5 / 12, 3 / 4];
const ZETA = [0, -17 / 60, -5 / 12];

type Pair = { re: Float64Array; im: Float64Array };

export class RayleighBenardSolver extends SolverClock {
  readonly grid: RbGrid;
  readonly Ra: number;
  readonly Pr: number;
  readonly kappa: number;
  readonly nu: number;
  readonly cfl: number;
  readonly maxDt: number;
  readonly bBottom: number;
  readonly bTop: number;
  private psiState: Pair;
  private bState: Pair;

  private readonly nCur: [Pair, Pair];
  private readonly nPrev: [Pair, Pair];
  private readonly phi: Pair;
  private rhsPsi: Pair;
  private rhsB: Pair;
  private readonly explicit: RbNonlinear;
  private psiFactors: PentaFactors[] = [];
  private bFactors: PentaFactors[] = [];
  private factoredDt = NaN;
  private velocitiesKnown = false;

  constructor(options: RayleighBenardOptions) {
    super();
    const { nx, nz, Ra, Pr } = options;
    if (!Number.isInteger(nx) || nx < 4 || (nx & (nx - 1)) !== 0)
      throw new Error(`RayleighBenardSolver: nx = ${nx}; expected a power of two ≥ 4`);
    if (!Number.isInteger(nz) || nz < 4 || nz % 2 !== 0) throw new Error(`RayleighBenardSolver: nz = ${nz}; expected an even integer ≥ 4`);
    if (!(Ra > 0) || !(Pr > 0) || !Number.isFinite(Ra) || !Number.isFinite(Pr))
      throw new Error(`RayleighBenardSolver: Ra = ${Ra}, Pr = ${Pr}; expected positive finite numbers`);
    const lx = options.lx ?? 4;
    if (!(lx > 0)) throw new Error(`RayleighBenardSolver: lx = ${lx}; expected > 0`);
    this.grid = makeRbGrid(nx, nz, lx, options.dealias ?? true);
    this.Ra = Ra;
    this.Pr = Pr;
    this.kappa = 1 / Math.sqrt(Ra * Pr);
    this.nu = 1 / Math.sqrt(Ra / Pr);
    this.cfl = options.cfl ?? 1;
    this.maxDt = options.maxDt ?? 0.05;
    this.bBottom = options.bBottom ?? 1;
    this.bTop = options.bTop ?? 0;
    const full = (nz + 1) * this.grid.nk;
    const pair = (len = full): Pair => ({ re: new Float64Array(len), im: new Float64Array(len) });
    this.psiState = pair();
    this.bState = pair();
    this.nCur = [pair(), pair()];
    this.nPrev = [pair(), pair()];
    this.phi = pair();
    this.rhsPsi = pair();
    this.rhsB = pair();
    this.explicit = new RbNonlinear(this.grid);
    this.setWallBuoyancy(this.bState);
    this.setWallBuoyancy(this.rhsB);
  }

  /** Spectral ψ̂ (modes ≥ 1) and U (mode 0), rows 0..nz (wall rows zero). Read only. */
  get psi(): Pair {
    return this.psiState;
  }

  /** Spectral b̂, rows 0..nz (wall rows hold the boundary values). Read only. */
  get b(): Pair {
    return this.bState;
  }

  /** Largest |u| and |w| seen in the last nonlinear evaluation. */
  get maxU(): number {
    return this.explicit.maxU;
  }

  get maxW(): number {
    return this.explicit.maxW;
  }

  /** Node heights z_j = j/nz, j = 0..nz. */
  zNodes(): Float64Array {
    return Float64Array.from({ length: this.grid.nz + 1 }, (_, j) => j / this.grid.nz);
  }

  /**
   * Sets the state from physical fields on the (nz + 1) × nx nodes (row j = height z_j, row-major,
   * x inner): buoyancy `b` and streamfunction `psi` (default 0). Wall rows of b are replaced by the
   * boundary values; ψ's wall rows are ignored (ψ = 0 there); the x-mean of ψ sets U = ∂zψ̄.
   * Modes removed by the 2/3 rule are dropped.
   */
  setState(b: ArrayLike<number>, psi?: ArrayLike<number>): void {
    const { nx, nz, nk, mAct, h } = this.grid;
    const size = (nz + 1) * nx;
    if (b.length !== size || (psi && psi.length !== size))
      throw new Error(`RayleighBenardSolver.setState: fields must have (nz+1)·nx = ${size} values`);
    rfftRows(Float64Array.from(b), nz + 1, nx, this.b);
    this.truncate(this.b);
    this.setWallBuoyancy(this.b);
    this.psi.re.fill(0);
    this.psi.im.fill(0);
    if (psi) {
      const tmp: Pair = { re: new Float64Array((nz + 1) * nk), im: new Float64Array((nz + 1) * nk) };
      rfftRows(Float64Array.from(psi), nz + 1, nx, tmp);
      for (let j = 1; j < nz; j++) {
        const o = j * nk;
        for (let m = 1; m < mAct; m++) {
          this.psi.re[o + m] = tmp.re[o + m];
          this.psi.im[o + m] = tmp.im[o + m];
        }
        this.psi.re[o] = (tmp.re[o + nk] - tmp.re[o - nk]) / (2 * h);
      }
    }
    this.velocitiesKnown = false;
  }

  /** Advances one step of size dt (three RK3 stages). */
  step(dt: number): void {
    if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`RayleighBenardSolver.step: dt = ${dt}; expected a positive finite number`);
    if (dt !== this.factoredDt) this.factor(dt);
    for (let s = 0; s < 3; s++) {
      this.explicit.evaluate(this.psiState, this.bState, this.nCur[0], this.nCur[1]);
      this.stage(s, dt);
      const tmp0 = this.nPrev[0];
      const tmp1 = this.nPrev[1];
      this.nPrev[0] = this.nCur[0];
      this.nPrev[1] = this.nCur[1];
      this.nCur[0] = tmp0;
      this.nCur[1] = tmp1;
    }
    this.tick(dt);
  }

  /** The CFL-limited step for the current velocities: min(maxDt, cfl/(k_max|u| + |w|/h)). */
  stableDt(): number {
    const { grid } = this;
    const rate = grid.k[grid.mAct - 1] * this.maxU + this.maxW / grid.h;
    return rate > 0 ? Math.min(this.maxDt, this.cfl / rate) : this.maxDt;
  }

  /**
   * Advances to time `target` with CFL-adaptive steps that land exactly on it: the remaining
   * interval is split into equal steps no larger than {@link stableDt}, re-checked every step.
   */
  advanceTo(target: number): void {
    // Velocity bounds of the current state (they are refreshed by every step's first stage).
    if (!this.velocitiesKnown) this.explicit.evaluate(this.psiState, this.bState, this.nCur[0], this.nCur[1]);
    this.velocitiesKnown = true;
    while (target - this.t > 1e-12 * Math.max(1, Math.abs(target))) {
      const remaining = target - this.t;
      const count = Math.ceil(remaining / this.stableDt() - 1e-9);
      const dt = remaining / Math.max(1, count);
      this.step(dt);
      // Free-fall velocities are O(1): far beyond that the run has diverged (and dt would collapse).
      if (!(this.maxU < 1e3) || !(this.maxW < 1e3)) {
        throw new SimulationDivergedError(
          `RayleighBenardSolver: the solution blew up (|u| = ${this.maxU}, |w| = ${this.maxW}) at t = ${this.t}`,
        );
      }
    }
    this.t = target;
  }

  private setWallBuoyancy(b: Pair): void {
    const { nz, nk, nx } = this.grid;
    const top = nz * nk;
    for (let m = 0; m < nk; m++) {
      b.re[m] = 0;
      b.im[m] = 0;
      b.re[top + m] = 0;
      b.im[top + m] = 0;
    }
    b.re[0] = nx * this.bBottom;
    b.re[top] = nx * this.bTop;
  }

  private truncate(p: Pair): void {
    const { nz, nk, mAct } = this.grid;
    for (let j = 0; j <= nz; j++) {
      for (let m = mAct; m < nk; m++) {
        p.re[j * nk + m] = 0;
        p.im[j * nk + m] = 0;
      }
      p.im[j * nk] = 0;
    }
  }

  private factor(dt: number): void {
    const { nz, nk } = this.grid;
    const bands = allocPentaBands(nz - 1, nk);
    this.psiFactors = BETA.map((beta, s) => {
      streamfunctionBands(this.grid, beta * dt * this.nu, bands);
      return factorPenta(bands, nz - 1, nk, this.psiFactors[s]);
    });
    this.bFactors = BETA.map((beta, s) => {
      buoyancyBands(this.grid, beta * dt * this.kappa, bands);
      return factorPenta(bands, nz - 1, nk, this.bFactors[s]);
    });
    this.factoredDt = dt;
  }

  /** One implicit stage: builds the right-hand sides in place of the state, then solves. */
  private stage(s: number, dt: number): void {
    const { nz, nk, mAct, h, k } = this.grid;
    const h2 = 1 / (h * h);
    const a = ALPHA[s] * dt;
    const g = GAMMA[s] * dt;
    const z = ZETA[s] * dt;
    const { psi, b, phi, nu, kappa } = this;
    const [nPsi, nB] = this.nCur;
    const [pPsi, pB] = this.nPrev;
    // Streamfunction: RHS = −Wψ − αdtν Vψ + dt(γN + ζN_prev); mode 0 holds U.
    applyW(this.grid, psi.re, psi.im, phi.re, phi.im);
    const outRe = this.rhsPsi.re;
    const outIm = this.rhsPsi.im;
    for (let j = 1; j < nz; j++) {
      const o = j * nk;
      // mode 0: U
      const U = psi.re[o];
      const lapU = (psi.re[o + nk] - 2 * U + psi.re[o - nk]) * h2;
      outRe[o] = U + a * nu * lapU + g * nPsi.re[o] + z * pPsi.re[o];
      outIm[o] = 0;
      for (let m = 1; m < mAct; m++) {
        const i = o + m;
        const k2 = k[m] * k[m];
        const vRe = (phi.re[i + nk] - 2 * phi.re[i] + phi.re[i - nk]) * h2 - k2 * phi.re[i];
        const vIm = (phi.im[i + nk] - 2 * phi.im[i] + phi.im[i - nk]) * h2 - k2 * phi.im[i];
        outRe[i] = -phi.re[i] - a * nu * vRe + g * nPsi.re[i] + z * pPsi.re[i];
        outIm[i] = -phi.im[i] - a * nu * vIm + g * nPsi.im[i] + z * pPsi.im[i];
      }
    }
    // Buoyancy: RHS = b + αdtκ L b + dt(γN + ζN_prev) + βdtκ·(wall values)/h².
    const bRe = this.rhsB.re;
    const bIm = this.rhsB.im;
    const cb = BETA[s] * dt * kappa * h2;
    for (let j = 1; j < nz; j++) {
      const o = j * nk;
      for (let m = 0; m < mAct; m++) {
        const i = o + m;
        const k2 = k[m] * k[m];
        const lRe = (b.re[i + nk] - 2 * b.re[i] + b.re[i - nk]) * h2 - k2 * b.re[i];
        const lIm = (b.im[i + nk] - 2 * b.im[i] + b.im[i - nk]) * h2 - k2 * b.im[i];
        bRe[i] = b.re[i] + a * kappa * lRe + g * nB.re[i] + z * pB.re[i];
        bIm[i] = b.im[i] + a * kappa * lIm + g * nB.im[i] + z * pB.im[i];
      }
    }
    bRe[nk] += cb * b.re[0];
    bRe[(nz - 1) * nk] += cb * b.re[nz * nk];
    solvePenta(this.psiFactors[s], outRe, outIm, 1, mAct);
    solveTri(this.bFactors[s], bRe, bIm, 1, mAct);
    // The solved buffers become the state (their wall rows and inactive modes hold the right values).
    const oldPsi = this.psiState;
    const oldB = this.bState;
    this.psiState = this.rhsPsi;
    this.bState = this.rhsB;
    this.rhsPsi = oldPsi;
    this.rhsB = oldB;
  }
}
