/**
 * Exact solution of the 1-D Riemann problem of the Euler equations for an ideal gas
 * (Toro, Riemann Solvers and Numerical Methods for Fluid Dynamics, 3rd ed., ch. 4), used as the
 * ground truth of the solver tests (`docs/simulators.md` §2.5 items 1–2).
 *
 * The star pressure p* is the root of f(p) = f_L(p) + f_R(p) + u_R − u_L with
 * f_K(p) = (p − p_K)·√(A_K/(p + B_K)) for a shock (p > p_K), A_K = 2/((γ+1)ρ_K), B_K = (γ−1)p_K/(γ+1),
 * and f_K(p) = 2c_K/(γ−1)·((p/p_K)^((γ−1)/2γ) − 1) for a rarefaction; u* = ½(u_L + u_R) + ½(f_R − f_L).
 */

/** A 1-D primitive state (ρ, u, p). */
export interface RiemannState {
  rho: number;
  u: number;
  p: number;
}

export interface RiemannSolution {
  gamma: number;
  left: RiemannState;
  right: RiemannState;
  pStar: number;
  uStar: number;
  rhoStarL: number;
  rhoStarR: number;
  /** Wave speeds: for a rarefaction head/tail differ, for a shock both equal the shock speed. */
  leftHead: number;
  leftTail: number;
  rightTail: number;
  rightHead: number;
  /** The state at similarity coordinate ξ = (x − x0)/t. */
  sample(xi: number): RiemannState;
}

function pressureFunction(p: number, s: RiemannState, gamma: number): { f: number; df: number } {
  const c = Math.sqrt((gamma * s.p) / s.rho);
  if (p > s.p) {
    const A = 2 / ((gamma + 1) * s.rho);
    const B = ((gamma - 1) / (gamma + 1)) * s.p;
    const q = Math.sqrt(A / (p + B));
    return { f: (p - s.p) * q, df: q * (1 - (p - s.p) / (2 * (B + p))) };
  }
  const z = (gamma - 1) / (2 * gamma);
  return { f: ((2 * c) / (gamma - 1)) * (Math.pow(p / s.p, z) - 1), df: (1 / (s.rho * c)) * Math.pow(p / s.p, -(gamma + 1) / (2 * gamma)) };
}

/** Solves the Riemann problem (Newton iteration on the pressure function, relative tolerance 1e-14). */
export function solveRiemann(left: RiemannState, right: RiemannState, gamma: number): RiemannSolution {
  for (const [name, s] of [
    ['left', left],
    ['right', right],
  ] as const) {
    if (!(s.rho > 0) || !(s.p > 0) || !Number.isFinite(s.u))
      throw new RangeError(`solveRiemann: ${name} state needs rho > 0, p > 0 and a finite u, got ${JSON.stringify(s)}`);
  }
  const cL = Math.sqrt((gamma * left.p) / left.rho);
  const cR = Math.sqrt((gamma * right.p) / right.rho);
  const du = right.u - left.u;
  if ((2 / (gamma - 1)) * (cL + cR) <= du)
    throw new RangeError('solveRiemann: the data generate a vacuum (pressure positivity condition violated)');
  // Two-rarefaction initial guess (exact when both waves are rarefactions).
  const z = (gamma - 1) / (2 * gamma);
  let p = Math.pow((cL + cR - 0.5 * (gamma - 1) * du) / (cL / Math.pow(left.p, z) + cR / Math.pow(right.p, z)), 1 / z);
  for (let it = 0; it < 100; it++) {
    const fl = pressureFunction(p, left, gamma);
    const fr = pressureFunction(p, right, gamma);
    let next = p - (fl.f + fr.f + du) / (fl.df + fr.df);
    if (!(next > 0)) next = 0.1 * p;
    const change = (2 * Math.abs(next - p)) / (next + p);
    p = next;
    if (change < 1e-14) break;
  }
  const pStar = p;
  const fl = pressureFunction(pStar, left, gamma).f;
  const fr = pressureFunction(pStar, right, gamma).f;
  const uStar = 0.5 * (left.u + right.u) + 0.5 * (fr - fl);
  const g6 = (gamma - 1) / (gamma + 1);
  const starDensity = (s: RiemannState) =>
    pStar > s.p ? (s.rho * (pStar / s.p + g6)) / (g6 * (pStar / s.p) + 1) : s.rho * Math.pow(pStar / s.p, 1 / gamma);
  const rhoStarL = starDensity(left);
  const rhoStarR = starDensity(right);
  const shockSpeed = (s: RiemannState, c: number, sign: number) =>
    s.u + sign * c * Math.sqrt(((gamma + 1) / (2 * gamma)) * (pStar / s.p) + (gamma - 1) / (2 * gamma));
  const leftShock = pStar > left.p;
  const rightShock = pStar > right.p;
  const cStarL = cL * Math.pow(pStar / left.p, z);
  const cStarR = cR * Math.pow(pStar / right.p, z);
  const leftHead = leftShock ? shockSpeed(left, cL, -1) : left.u - cL;
  const leftTail = leftShock ? leftHead : uStar - cStarL;
  const rightHead = rightShock ? shockSpeed(right, cR, 1) : right.u + cR;
  const rightTail = rightShock ? rightHead : uStar + cStarR;

  const sample = (xi: number): RiemannState => {
    if (xi <= uStar) {
      if (xi <= leftHead) return { ...left };
      if (xi >= leftTail) return { rho: rhoStarL, u: uStar, p: pStar };
      // Inside the left rarefaction fan.
      const c = (2 / (gamma + 1)) * (cL + 0.5 * (gamma - 1) * (left.u - xi));
      return {
        rho: left.rho * Math.pow(c / cL, 2 / (gamma - 1)),
        u: (2 / (gamma + 1)) * (cL + 0.5 * (gamma - 1) * left.u + xi),
        p: left.p * Math.pow(c / cL, (2 * gamma) / (gamma - 1)),
      };
    }
    if (xi >= rightHead) return { ...right };
    if (xi <= rightTail) return { rho: rhoStarR, u: uStar, p: pStar };
    const c = (2 / (gamma + 1)) * (cR - 0.5 * (gamma - 1) * (right.u - xi));
    return {
      rho: right.rho * Math.pow(c / cR, 2 / (gamma - 1)),
      u: (2 / (gamma + 1)) * (-cR + 0.5 * (gamma - 1) * right.u + xi),
      p: right.p * Math.pow(c / cR, (2 * gamma) / (gamma - 1)),
    };
  };
  return {
    gamma,
    left: { ...left },
    right: { ...right },
    pStar,
    uStar,
    rhoStarL,
    rhoStarR,
    leftHead,
    leftTail,
    rightTail,
    rightHead,
    sample,
  };
}
