/**
 * 2-D compressible Euler solver (`docs/simulators.md` §2.4): cell-centred finite volumes on a
 * uniform grid with two ghost layers, MUSCL reconstruction of the primitive variables (MC limiter,
 * or minmod), HLLC fluxes with Davis/Einfeldt speeds, SSP-RK2 (Heun) in time, CFL 0.4, and
 * "extrap" (zero-gradient, The Well's OPEN) or periodic boundaries.
 *
 * Equations (`docs/well-format.md` §8.2): U = (ρ, ρu, ρv, e), F = (ρu, ρu² + p, ρuv, u(e + p)),
 * G = (ρv, ρuv, ρv² + p, v(e + p)), e = p/(γ − 1) + ρ(u² + v²)/2.
 *
 * Storage: Float64Arrays of (nx + 4)·(ny + 4) cells, index `(i + 2)·(ny + 4) + (j + 2)` for the
 * interior cell (i, j) with x index i (slow axis) and y index j, i.e. the same axis order as a Well
 * array `[x, y]`. Cell (i, j) has centre ((i + ½)·dx, (j + ½)·dy).
 */
import { SolverClock } from '../solver-clock.js';
import { SimulationDivergedError } from '../system.js';
import { sweepLine } from './sweep.js';

/** Boundary condition of both axes: zero-gradient outflow ("extrap", Well OPEN) or periodic. */
export type EulerBoundary = 'open' | 'periodic';

export interface EulerSolverOptions {
  nx: number;
  ny: number;
  gamma: number;
  boundary: EulerBoundary;
  /** Domain size; default 1 × 1 (The Well's [0, 1]²). */
  lx?: number;
  ly?: number;
  /** CFL number; default 0.4. */
  cfl?: number;
  /** Slope limiter; default 'mc'. */
  limiter?: 'mc' | 'minmod';
}

/** Number of ghost layers. */
const G = 2;

/** Four arrays, one per conserved (or primitive) variable. */
type Quad = readonly [Float64Array, Float64Array, Float64Array, Float64Array];

export class EulerSolver extends SolverClock {
  readonly nx: number;
  readonly ny: number;
  readonly dx: number;
  readonly dy: number;
  readonly gamma: number;
  readonly boundary: EulerBoundary;
  readonly cfl: number;
  readonly minmod: boolean;
  /** Cells per row including ghosts (the stride of the x index). */
  readonly stride: number;
  /** Conserved variables: density, x-momentum, y-momentum, total energy. */
  readonly rho: Float64Array;
  readonly mx: Float64Array;
  readonly my: Float64Array;
  readonly en: Float64Array;

  /** Copy of the conserved variables at the start of a step (Uⁿ). */
  private readonly U0: Float64Array[];
  /** Primitive variables ρ, u, v, p of every cell, ghosts included. */
  private readonly prim: Quad;
  /** Array indices of the interior cells, row by row (i slow, j fast). */
  private readonly cells: Int32Array;
  /** x-face and y-face fluxes of the four conserved variables. */
  private readonly fx: Float64Array[];
  private readonly gy: Float64Array[];

  constructor(options: EulerSolverOptions) {
    super();
    const { nx, ny, gamma, boundary } = options;
    if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 2 || ny < 2)
      throw new RangeError(`EulerSolver: nx and ny must be integers >= 2, got ${nx} x ${ny}`);
    if (!(gamma > 1)) throw new RangeError(`EulerSolver: gamma must be > 1, got ${gamma}`);
    if (boundary !== 'open' && boundary !== 'periodic')
      throw new RangeError(`EulerSolver: boundary must be 'open' or 'periodic', got '${String(boundary)}'`);
    this.nx = nx;
    this.ny = ny;
    this.dx = (options.lx ?? 1) / nx;
    this.dy = (options.ly ?? 1) / ny;
    this.gamma = gamma;
    this.boundary = boundary;
    this.cfl = options.cfl ?? 0.4;
    this.minmod = (options.limiter ?? 'mc') === 'minmod';
    this.stride = ny + 2 * G;
    const size = (nx + 2 * G) * this.stride;
    const alloc = () => new Float64Array(size);
    this.rho = alloc();
    this.mx = alloc();
    this.my = alloc();
    this.en = alloc();
    this.cells = Int32Array.from({ length: nx * ny }, (_, q) => (Math.floor(q / ny) + G) * this.stride + (q % ny) + G);
    this.U0 = [alloc(), alloc(), alloc(), alloc()];
    this.prim = [alloc(), alloc(), alloc(), alloc()];
    this.fx = [alloc(), alloc(), alloc(), alloc()];
    this.gy = [alloc(), alloc(), alloc(), alloc()];
  }

  /** Array index of interior cell (i, j). */
  index(i: number, j: number): number {
    return (i + G) * this.stride + j + G;
  }

  /** Sets cell (i, j) from primitive variables (ρ, u, v, p). */
  setPrimitive(i: number, j: number, rho: number, u: number, v: number, p: number): void {
    const k = this.index(i, j);
    this.rho[k] = rho;
    this.mx[k] = rho * u;
    this.my[k] = rho * v;
    this.en[k] = p / (this.gamma - 1) + 0.5 * rho * (u * u + v * v);
  }

  /** Sets every cell from a function of the cell centre (x, y) returning (ρ, u, v, p). */
  setState(f: (x: number, y: number) => readonly [number, number, number, number]): void {
    for (let i = 0; i < this.nx; i++) {
      for (let j = 0; j < this.ny; j++) {
        const [r, u, v, p] = f((i + 0.5) * this.dx, (j + 0.5) * this.dy);
        this.setPrimitive(i, j, r, u, v, p);
      }
    }
    this.t = 0;
    this.steps = 0;
  }

  /** Pressure of interior cell (i, j): p = (γ − 1)(e − (m_x² + m_y²)/(2ρ)). */
  pressure(i: number, j: number): number {
    const k = this.index(i, j);
    return (this.gamma - 1) * (this.en[k]! - (0.5 * (this.mx[k]! * this.mx[k]! + this.my[k]! * this.my[k]!)) / this.rho[k]!);
  }

  /** Fills the ghost layers of the four given arrays (y ghosts first, then x ghosts incl. corners). */
  private fillGhosts(arrays: readonly Float64Array[]): void {
    const { nx, ny, stride } = this;
    const periodic = this.boundary === 'periodic';
    for (const a of arrays) {
      for (let i = G; i < nx + G; i++) {
        const row = i * stride;
        for (let g = 0; g < G; g++) {
          a[row + g] = periodic ? a[row + ny + g]! : a[row + G]!;
          a[row + ny + G + g] = periodic ? a[row + G + g]! : a[row + ny + G - 1]!;
        }
      }
      for (let g = 0; g < G; g++) {
        const lo = g * stride;
        const hi = (nx + G + g) * stride;
        const srcLo = (periodic ? nx + g : G) * stride;
        const srcHi = (periodic ? G + g : nx + G - 1) * stride;
        a.copyWithin(lo, srcLo, srcLo + stride);
        a.copyWithin(hi, srcHi, srcHi + stride);
      }
    }
  }

  /** Primitive variables of every cell (ghosts included) from the conserved ones. */
  private computePrimitives(): void {
    const { rho, mx, my, en } = this;
    const [pr, pu, pv, pp] = this.prim;
    const gm1 = this.gamma - 1;
    for (let k = 0; k < rho.length; k++) {
      const r = rho[k]!;
      const u = mx[k]! / r;
      const v = my[k]! / r;
      pr[k] = r;
      pu[k] = u;
      pv[k] = v;
      pp[k] = gm1 * (en[k]! - (0.5 * (mx[k]! * mx[k]! + my[k]! * my[k]!)) / r);
    }
  }

  /**
   * Largest stable step, dt = CFL / max over cells of ((|u| + c)/dx + (|v| + c)/dy), c = √(γp/ρ)
   * (docs/simulators.md §2.4). Throws a {@link SimulationDivergedError} if a cell has non-positive or non-finite
   * density or pressure.
   */
  stableDt(): number {
    const { nx, ny, stride, rho, mx, my, en, gamma } = this;
    const idx = 1 / this.dx;
    const idy = 1 / this.dy;
    let smax = 0;
    for (let i = G; i < nx + G; i++) {
      for (let k = i * stride + G, end = i * stride + ny + G; k < end; k++) {
        const r = rho[k]!;
        const u = mx[k]! / r;
        const v = my[k]! / r;
        const p = (gamma - 1) * (en[k]! - (0.5 * (mx[k]! * mx[k]! + my[k]! * my[k]!)) / r);
        if (!(r > 0) || !(p > 0)) {
          const ci = i - G;
          const cj = k - i * stride - G;
          throw new SimulationDivergedError(`EulerSolver: non-physical state at cell (${ci}, ${cj}), t = ${this.t}: rho = ${r}, p = ${p}`);
        }
        const c = Math.sqrt((gamma * p) / r);
        const s = (Math.abs(u) + c) * idx + (Math.abs(v) + c) * idy;
        if (s > smax) smax = s;
      }
    }
    return this.cfl / smax;
  }

  /** Writes dU/dt = −∂F/∂x − ∂G/∂y of the current state into `out` (interior cells only). */
  private residual(out: readonly Float64Array[]): void {
    const { nx, ny, stride, fx, gy, gamma, minmod } = this;
    const [pr, pu, pv, pp] = this.prim;
    this.fillGhosts([this.rho, this.mx, this.my, this.en]);
    this.computePrimitives();
    // x faces: one line per interior row j; the line runs over i with stride `stride`.
    for (let j = G; j < ny + G; j++) sweepLine(pr, pu, pv, pp, fx[0]!, fx[1]!, fx[2]!, fx[3]!, j, stride, nx + 1, gamma, minmod);
    // y faces: one line per interior column i, velocity components (and momentum fluxes) swapped.
    for (let i = G; i < nx + G; i++) sweepLine(pr, pv, pu, pp, gy[0]!, gy[2]!, gy[1]!, gy[3]!, i * stride, 1, ny + 1, gamma, minmod);
    const idx = 1 / this.dx;
    const idy = 1 / this.dy;
    const cells = this.cells;
    for (let c = 0; c < 4; c++) {
      const f = fx[c]!;
      const g = gy[c]!;
      const o = out[c]!;
      for (let q = 0; q < cells.length; q++) {
        const k = cells[q]!;
        o[k] = (f[k - stride]! - f[k]!) * idx + (g[k - 1]! - g[k]!) * idy;
      }
    }
  }

  /** One SSP-RK2 (Heun) step of size dt: U¹ = Uⁿ + dt L(Uⁿ); Uⁿ⁺¹ = ½Uⁿ + ½(U¹ + dt L(U¹)). */
  step(dt: number): void {
    const U = [this.rho, this.mx, this.my, this.en];
    const U0 = this.U0;
    const L = this.resBuffers();
    for (let c = 0; c < 4; c++) U0[c]!.set(U[c]!);
    this.residual(L);
    this.axpyInterior(U, U0, L, dt, 1);
    this.residual(L);
    this.axpyInterior(U, U0, L, dt, 0.5);
    this.tick(dt);
  }

  private res: Float64Array[] | null = null;
  private resBuffers(): Float64Array[] {
    if (!this.res) {
      const n = this.rho.length;
      this.res = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    }
    return this.res;
  }

  /** Stage update of the interior: a = 1 → U = U0 + dt L; otherwise U = ½U0 + ½(U + dt L). */
  private axpyInterior(U: Float64Array[], U0: readonly Float64Array[], L: Float64Array[], dt: number, a: number): void {
    for (let c = 0; c < 4; c++) stageUpdate(U[c]!, U0[c]!, L[c]!, this.cells, dt, a);
  }

  /**
   * Advances to exactly `tEnd`: CFL steps, the last one clipped so that t lands on tEnd
   * (docs/simulators.md §2.4: output times land exactly on multiples of the output interval).
   */
  advanceTo(tEnd: number): void {
    while (this.t < tEnd) {
      let dt = this.stableDt();
      const remaining = tEnd - this.t;
      const last = dt >= remaining;
      if (last) dt = remaining;
      this.step(dt);
      if (last) this.t = tEnd;
    }
  }

  /** Sums of ρ, ρu, ρv, e over the interior cells times the cell area. */
  totals(): [number, number, number, number] {
    const cells = this.cells;
    const out: [number, number, number, number] = [0, 0, 0, 0];
    const arrays = [this.rho, this.mx, this.my, this.en];
    for (let c = 0; c < 4; c++) {
      const a = arrays[c]!;
      let s = 0;
      for (let q = 0; q < cells.length; q++) s += a[cells[q]!]!;
      out[c] = s * this.dx * this.dy;
    }
    return out;
  }
}

/** Stage update on the listed cells: a = 1 → u = u0 + dt l; otherwise u = ½u0 + ½(u + dt l). */
function stageUpdate(u: Float64Array, u0: Float64Array, l: Float64Array, cells: Int32Array, dt: number, a: number): void {
  if (a === 1) {
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      u[k] = u0[k]! + dt * l[k]!;
    }
  } else {
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      u[k] = 0.5 * u0[k]! + 0.5 * (u[k]! + dt * l[k]!);
    }
  }
}
