/**
 * The inner kernel of the Euler solver: one line of cell faces (`docs/simulators.md` §2.4).
 *
 * Along a line of cells `start + k * stride` (k = 0 .. nFaces + 2; cell 0 is the first of two
 * ghost cells), it reconstructs the primitive
 * variables (ρ, u_n, u_t, p) at each face with a piecewise-linear, slope-limited profile
 * (MC or minmod), falls back to the cell average on a side whose reconstructed ρ or p is not
 * positive (locally first order), and evaluates the HLLC flux (Toro, Riemann Solvers and Numerical
 * Methods for Fluid Dynamics, 3rd ed., §10.4) with the Davis/Einfeldt wave-speed estimates
 * S_L = min(u_L − c_L, u_R − c_R), S_R = max(u_L + c_L, u_R + c_R).
 *
 * Face k (between cells k + 1 and k + 2 of the line) is written at index `start + (k + 1) * stride`,
 * i.e. at the index of its left cell. The limiter is MC (monotonised central, van Leer 1977) unless
 * `minmod` is set. The same code serves x and y: for y the caller passes the
 * velocity components (and the momentum flux outputs) swapped, so that x and y results are
 * bit-identical under transposition.
 *
 * Flat loops over Float64Arrays, no allocation and no closures (hot path).
 */

/** MC: 0 if a·b ≤ 0, else sign(a)·min(2|a|, 2|b|, |a + b|/2). Minmod: 0 or sign(a)·min(|a|, |b|). */
function limitedSlope(a: number, b: number, minmod: boolean): number {
  if (a * b <= 0) return 0;
  if (minmod) return a > 0 ? Math.min(a, b) : Math.max(a, b);
  const c = 0.5 * (a + b);
  if (a > 0) return Math.min(2 * a, 2 * b, c);
  return Math.max(2 * a, 2 * b, c);
}

/**
 * Computes the HLLC fluxes of one line of faces.
 * Inputs `r, un, ut, p` are primitive arrays; outputs `fr, fn, ft, fe` receive the fluxes of mass,
 * normal momentum, tangential momentum and energy.
 */
export function sweepLine(
  r: Float64Array,
  un: Float64Array,
  ut: Float64Array,
  p: Float64Array,
  fr: Float64Array,
  fn: Float64Array,
  ft: Float64Array,
  fe: Float64Array,
  start: number,
  stride: number,
  nFaces: number,
  gamma: number,
  minmod: boolean,
): void {
  const gm1 = gamma - 1;
  // Slope of the left cell of the first face (cell index start + stride).
  let ia = start + stride;
  let sr = limitedSlope(r[ia]! - r[ia - stride]!, r[ia + stride]! - r[ia]!, minmod);
  let su = limitedSlope(un[ia]! - un[ia - stride]!, un[ia + stride]! - un[ia]!, minmod);
  let sv = limitedSlope(ut[ia]! - ut[ia - stride]!, ut[ia + stride]! - ut[ia]!, minmod);
  let sp = limitedSlope(p[ia]! - p[ia - stride]!, p[ia + stride]! - p[ia]!, minmod);
  for (let k = 0; k < nFaces; k++, ia += stride) {
    const ib = ia + stride;
    // Slopes of the right cell.
    const tr = limitedSlope(r[ib]! - r[ia]!, r[ib + stride]! - r[ib]!, minmod);
    const tu = limitedSlope(un[ib]! - un[ia]!, un[ib + stride]! - un[ib]!, minmod);
    const tv = limitedSlope(ut[ib]! - ut[ia]!, ut[ib + stride]! - ut[ib]!, minmod);
    const tp = limitedSlope(p[ib]! - p[ia]!, p[ib + stride]! - p[ib]!, minmod);

    // Left state: cell ia at its right face.
    let rL = r[ia]! + 0.5 * sr;
    let uL = un[ia]! + 0.5 * su;
    let vL = ut[ia]! + 0.5 * sv;
    let pL = p[ia]! + 0.5 * sp;
    if (!(rL > 0) || !(pL > 0)) {
      rL = r[ia]!;
      uL = un[ia]!;
      vL = ut[ia]!;
      pL = p[ia]!;
    }
    // Right state: cell ib at its left face.
    let rR = r[ib]! - 0.5 * tr;
    let uR = un[ib]! - 0.5 * tu;
    let vR = ut[ib]! - 0.5 * tv;
    let pR = p[ib]! - 0.5 * tp;
    if (!(rR > 0) || !(pR > 0)) {
      rR = r[ib]!;
      uR = un[ib]!;
      vR = ut[ib]!;
      pR = p[ib]!;
    }
    sr = tr;
    su = tu;
    sv = tv;
    sp = tp;

    // HLLC flux.
    const cL = Math.sqrt((gamma * pL) / rL);
    const cR = Math.sqrt((gamma * pR) / rR);
    const SL = Math.min(uL - cL, uR - cR);
    const SR = Math.max(uL + cL, uR + cR);
    const EL = pL / gm1 + 0.5 * rL * (uL * uL + vL * vL);
    const ER = pR / gm1 + 0.5 * rR * (uR * uR + vR * vR);
    let Fr: number, Fn: number, Ft: number, Fe: number;
    if (SL >= 0) {
      Fr = rL * uL;
      Fn = rL * uL * uL + pL;
      Ft = rL * uL * vL;
      Fe = uL * (EL + pL);
    } else if (SR <= 0) {
      Fr = rR * uR;
      Fn = rR * uR * uR + pR;
      Ft = rR * uR * vR;
      Fe = uR * (ER + pR);
    } else {
      const mL = rL * (SL - uL);
      const mR = rR * (SR - uR);
      const Ss = (pR - pL + uL * mL - uR * mR) / (mL - mR);
      if (Ss >= 0) {
        // F*L = F_L + S_L (U*L − U_L), U*L = m_L/(S_L − S*) · (1, S*, v_L, E_L/ρ_L + (S* − u_L)(S* + p_L/m_L)).
        const f = mL / (SL - Ss);
        const FrL = rL * uL;
        Fr = FrL + SL * (f - rL);
        Fn = FrL * uL + pL + SL * (f * Ss - FrL);
        Ft = FrL * vL + SL * (f * vL - rL * vL);
        Fe = uL * (EL + pL) + SL * (f * (EL / rL + (Ss - uL) * (Ss + pL / mL)) - EL);
      } else {
        const f = mR / (SR - Ss);
        const FrR = rR * uR;
        Fr = FrR + SR * (f - rR);
        Fn = FrR * uR + pR + SR * (f * Ss - FrR);
        Ft = FrR * vR + SR * (f * vR - rR * vR);
        Fe = uR * (ER + pR) + SR * (f * (ER / rR + (Ss - uR) * (Ss + pR / mR)) - ER);
      }
    }
    fr[ia] = Fr;
    fn[ia] = Fn;
    ft[ia] = Ft;
    fe[ia] = Fe;
  }
}
