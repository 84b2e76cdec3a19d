import { Rng, irfftRows, rfftRows } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { horizontalMean, kineticEnergy, nusselt, physicalFields, trapezoid } from './diagnostics.js';
import { sampleRbInitialCondition } from './initial-conditions.js';
import { rbPressure } from './pressure.js';
import { RayleighBenardSolver, type RayleighBenardOptions } from './solver.js';

/** b = 1 − z + amp·sin(πz)·cos(2πx/lx) on the (nz + 1) × nx nodes. */
function perturbedConduction(nx: number, nz: number, lx: number, amp: number): Float64Array {
  const b = new Float64Array((nz + 1) * nx);
  for (let j = 0; j <= nz; j++) {
    for (let i = 0; i < nx; i++) {
      const z = j / nz;
      b[j * nx + i] = 1 - z + amp * Math.sin(Math.PI * z) * Math.cos((2 * Math.PI * i) / nx);
    }
  }
  return b;
}

function solver(opts: Partial<RayleighBenardOptions> & { nx: number; nz: number; Ra: number }, b: Float64Array): RayleighBenardSolver {
  const s = new RayleighBenardSolver({ Pr: 1, lx: 2, maxDt: 0.1, cfl: 1.5, ...opts });
  s.setState(b);
  return s;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

describe('Rayleigh–Bénard conduction state (docs/simulators.md §3.5 item 1)', () => {
  it('b = 1 − z, u = 0 is stationary, Nu = 1 and p = z − z²/2 − 1/3', () => {
    const nx = 16;
    const nz = 32;
    const s = new RayleighBenardSolver({ nx, nz, Ra: 5000, Pr: 0.7, lx: 4 });
    const b0 = perturbedConduction(nx, nz, 4, 0);
    s.setState(b0);
    const before = physicalFields(s);
    const p = rbPressure(s);
    for (let j = 0; j <= nz; j++) {
      const z = j / nz;
      for (let i = 0; i < nx; i++) expect(Math.abs(p[j * nx + i] - (z - (z * z) / 2 - 1 / 3))).toBeLessThan(1e-12);
    }
    s.step(0.05);
    const after = physicalFields(s);
    expect(maxDiff(after.b, before.b)).toBeLessThan(1e-12);
    expect(maxDiff(after.b, b0)).toBeLessThan(1e-12);
    expect(Math.max(...after.u.map(Math.abs), ...after.w.map(Math.abs))).toBeLessThan(1e-12);
    const nu = nusselt(s, after);
    for (const v of [nu.volume, nu.bottom, nu.top]) expect(Math.abs(v - 1)).toBeLessThan(1e-10);
  });
});

describe('Rayleigh–Bénard linear stability, k = π, Pr = 1 (docs/simulators.md §3.5 item 2)', () => {
  // Lx = 2 with one Fourier mode seeded (k = π, as n = 2 in The Well's Lx = 4), nx = 8, nz = 32.
  const growth = (Ra: number) => {
    const s = solver({ nx: 8, nz: 32, Ra }, perturbedConduction(8, 32, 2, 1e-6));
    s.advanceTo(10);
    const e1 = kineticEnergy(s);
    s.advanceTo(20);
    const e2 = kineticEnergy(s);
    return Math.log(e2 / e1) / (2 * 10); // kinetic energy grows at 2σ
  };

  it('decays below Ra_c ≈ 1708 at the linear-theory rate (Ra = 1000, 1500)', () => {
    for (const [Ra, sigma] of [
      [1000, -0.191],
      [1500, -0.0423],
    ]) {
      const measured = growth(Ra);
      expect(measured).toBeLessThan(0);
      expect(Math.abs(measured / sigma - 1)).toBeLessThan(0.05);
    }
  });

  it('grows above onset within 5 % of linear theory (Ra = 2500: 0.1109, Ra = 3000: 0.1576)', () => {
    for (const [Ra, sigma] of [
      [2500, 0.1109],
      [3000, 0.1576],
    ]) {
      expect(Math.abs(growth(Ra) / sigma - 1)).toBeLessThan(0.05);
    }
  });
});

describe('Rayleigh–Bénard steady rolls, Pr = 1, Lx = 2 (docs/simulators.md §3.5 item 4)', () => {
  const cache = new Map<string, RayleighBenardSolver>();
  const steady = (Ra: number, nz: number) => {
    const key = `${Ra}/${nz}`;
    if (!cache.has(key)) {
      const s = solver({ nx: 16, nz, Ra }, perturbedConduction(16, nz, 2, 0.2));
      s.advanceTo(40);
      cache.set(key, s);
    }
    return cache.get(key)!;
  };

  it('Ra = 3000: Nu within 3 % of 1.665 at nz = 32; Nu_vol and Nu_wall agree', () => {
    const nu = nusselt(steady(3000, 32));
    expect(Math.abs(nu.volume / 1.665 - 1)).toBeLessThan(0.03);
    expect(Math.abs(nu.bottom / 1.665 - 1)).toBeLessThan(0.03);
    expect(Math.abs(nu.bottom - nu.volume)).toBeLessThan(0.01 * nu.volume);
    expect(Math.abs(nu.top - nu.bottom)).toBeLessThan(1e-9);
  });

  it('Ra = 1e4: Nu within 3 % of 2.655 at nz = 32 and 64; Nu_vol − Nu_wall shrinks ~4× per halving of h', () => {
    const coarse = nusselt(steady(1e4, 32));
    const fine = nusselt(steady(1e4, 64));
    for (const nu of [coarse, fine]) {
      expect(Math.abs(nu.volume / 2.655 - 1)).toBeLessThan(0.03);
      expect(Math.abs(nu.bottom / 2.655 - 1)).toBeLessThan(0.03);
    }
    expect(Math.abs(fine.volume / 2.655 - 1)).toBeLessThan(0.005);
    const gapCoarse = Math.abs(coarse.bottom - coarse.volume);
    const gapFine = Math.abs(fine.bottom - fine.volume);
    expect(gapFine).toBeLessThan(gapCoarse / 3);
    expect(gapFine).toBeLessThan(0.002 * fine.volume);
  });

  it('satisfies the exact energy identities ν⟨|∇u|²⟩ = ⟨wb⟩ = κ(Nu − 1), ⟨|∇b|²⟩ = Nu (docs/simulators.md §3.5 item 5)', () => {
    for (const [Ra, nz] of [
      [3000, 32],
      [1e4, 64],
    ]) {
      const s = steady(Ra, nz);
      const { nx, h, lx } = s.grid;
      const f = physicalFields(s);
      const dx = (g: Float64Array) => {
        const spec = rfftRows(g, nz + 1, nx);
        const nk = nx / 2 + 1;
        for (let i = 0; i < spec.re.length; i++) {
          const k = (2 * Math.PI * (i % nk)) / lx;
          const re = spec.re[i];
          spec.re[i] = -k * spec.im[i];
          spec.im[i] = k * re;
        }
        return irfftRows(spec, nz + 1, nx);
      };
      const dz = (g: Float64Array) =>
        g.map((_, c) => {
          const j = Math.floor(c / nx);
          if (j === 0) return (-3 * g[c] + 4 * g[c + nx] - g[c + 2 * nx]) / (2 * h);
          if (j === nz) return (3 * g[c] - 4 * g[c - nx] + g[c - 2 * nx]) / (2 * h);
          return (g[c + nx] - g[c - nx]) / (2 * h);
        });
      const [ux, uz, wx, wz, bx, bz] = [dx(f.u), dz(f.u), dx(f.w), dz(f.w), dx(f.b), dz(f.b)];
      const avg = (g: (c: number) => number) =>
        trapezoid(
          horizontalMean(
            Float64Array.from(f.u, (_, c) => g(c)),
            nx,
            nz,
          ),
        );
      const dissipation = s.nu * avg((c) => ux[c] ** 2 + uz[c] ** 2 + wx[c] ** 2 + wz[c] ** 2);
      const flux = avg((c) => f.w[c] * f.b[c]);
      const gradB = avg((c) => bx[c] ** 2 + bz[c] ** 2);
      const nu = nusselt(s, f);
      expect(Math.abs(dissipation / flux - 1)).toBeLessThan(0.005);
      expect(Math.abs(flux / (s.kappa * (nu.volume - 1)) - 1)).toBeLessThan(1e-9);
      expect(Math.abs(gradB / nu.volume - 1)).toBeLessThan(0.01);
    }
  });

  it('the pressure balances both momentum equations to second order in h', () => {
    const residual = (s: RayleighBenardSolver) => {
      const { nx, nz, h } = s.grid;
      const f = physicalFields(s);
      const p = rbPressure(s);
      // Spectral x-derivatives (the solver's own representation in x).
      const dx = (g: Float64Array) => {
        const spec = rfftRows(g, nz + 1, nx);
        const nk = nx / 2 + 1;
        for (let i = 0; i < spec.re.length; i++) {
          const k = (2 * Math.PI * (i % nk)) / s.grid.lx;
          const re = spec.re[i];
          spec.re[i] = -k * spec.im[i];
          spec.im[i] = k * re;
        }
        return irfftRows(spec, nz + 1, nx);
      };
      const ux = dx(f.u),
        uxx = dx(ux),
        wx = dx(f.w),
        wxx = dx(wx),
        px = dx(p);
      const rx = new Float64Array(f.u.length);
      const rz = new Float64Array(f.u.length);
      let scale = 0;
      for (let j = 1; j < nz; j++) {
        for (let i = 0; i < nx; i++) {
          const c = j * nx + i;
          const uz = (f.u[c + nx] - f.u[c - nx]) / (2 * h);
          const uzz = (f.u[c + nx] - 2 * f.u[c] + f.u[c - nx]) / (h * h);
          const wz = (f.w[c + nx] - f.w[c - nx]) / (2 * h);
          const wzz = (f.w[c + nx] - 2 * f.w[c] + f.w[c - nx]) / (h * h);
          const pz = (p[c + nx] - p[c - nx]) / (2 * h);
          rx[c] = f.u[c] * ux[c] + f.w[c] * uz + px[c] - s.nu * (uxx[c] + uzz);
          rz[c] = f.u[c] * wx[c] + f.w[c] * wz + pz - f.b[c] - s.nu * (wxx[c] + wzz);
          scale = Math.max(scale, Math.abs(px[c]));
        }
      }
      // The solver enforces the equations on the modes it keeps (2/3 rule): project the residuals.
      const project = (g: Float64Array) => {
        const spec = rfftRows(g, nz + 1, nx);
        const nk = nx / 2 + 1;
        for (let i = 0; i < spec.re.length; i++) if (i % nk >= s.grid.mAct) spec.re[i] = spec.im[i] = 0;
        return Math.max(...irfftRows(spec, nz + 1, nx).map(Math.abs));
      };
      const resX = project(rx);
      const resZ = project(rz);
      return { x: resX / scale, z: resZ / scale };
    };
    const coarse = residual(steady(1e4, 32));
    const fine = residual(steady(1e4, 64));
    // Relative to max |∂x p| (measured: x 6.7e-3 → 1.6e-3, z 1.9e-2 → 5.1e-3): second order.
    expect(coarse.x).toBeLessThan(0.03);
    expect(coarse.z).toBeLessThan(0.03);
    expect(fine.z).toBeLessThan(coarse.z / 3);
    expect(fine.x).toBeLessThan(coarse.x / 3);
  });
});

describe('Rayleigh–Bénard symmetries (docs/simulators.md §3.5 item 7)', () => {
  const nx = 16;
  const nz = 16;
  const ic = sampleRbInitialCondition(nx, nz, new Rng(40), [1]).b;
  for (let i = 0; i < ic.length; i++)
    ic[i] += 0.05 * Math.sin((Math.PI * Math.floor(i / nx)) / nz) * Math.cos((2 * Math.PI * (i % nx)) / nx);
  const run = (b: Float64Array) => {
    const s = new RayleighBenardSolver({ nx, nz, Ra: 1e5, Pr: 1, lx: 4 });
    s.setState(b);
    s.advanceTo(3);
    return physicalFields(s);
  };
  const base = run(ic);

  it('is equivariant under x-translation by grid points', () => {
    const shift = 5;
    const rolled = new Float64Array(ic.length);
    for (let j = 0; j <= nz; j++) for (let i = 0; i < nx; i++) rolled[j * nx + ((i + shift) % nx)] = ic[j * nx + i];
    const out = run(rolled);
    let e = 0;
    for (let j = 0; j <= nz; j++)
      for (let i = 0; i < nx; i++) e = Math.max(e, Math.abs(out.b[j * nx + ((i + shift) % nx)] - base.b[j * nx + i]));
    expect(e).toBeLessThan(1e-11);
    expect(Math.max(...base.w.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it('is equivariant under the reflection x → −x, u → −u', () => {
    const mirrored = new Float64Array(ic.length);
    for (let j = 0; j <= nz; j++) for (let i = 0; i < nx; i++) mirrored[j * nx + ((nx - i) % nx)] = ic[j * nx + i];
    const out = run(mirrored);
    let eb = 0;
    let eu = 0;
    for (let j = 0; j <= nz; j++) {
      for (let i = 0; i < nx; i++) {
        const a = j * nx + i;
        const m = j * nx + ((nx - i) % nx);
        eb = Math.max(eb, Math.abs(out.b[m] - base.b[a]));
        eu = Math.max(eu, Math.abs(out.u[m] + base.u[a]), Math.abs(out.w[m] - base.w[a]));
      }
    }
    expect(eb).toBeLessThan(1e-11);
    expect(eu).toBeLessThan(1e-11);
  });
});
