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
    // Upwind side K: L when S_L ≥ 0, R when S_R ≤ 0 (physical flux F_K), else the star flux of L or R by the sign of S*:
    // F*K = F_K + S_K (U*K − U_K), U*K = m_K/(S_K − S*) · (1, S*, v_K, E_K/ρ_K + (S* − u_K)(S* + p_K/m_K)), m_K = ρ_K (S_K − u_K).
    let left = SL >= 0;
    const star = !left && !(SR <= 0);
    let mL = 0;
    let mR = 0;
    let Ss = 0;
    if (star) {
      mL = rL * (SL - uL);
      mR = rR * (SR - uR);
      Ss = (pR - pL + uL * mL - uR * mR) / (mL - mR);
      left = Ss >= 0;
    }
    const rK = left ? rL : rR;
    const uK = left ? uL : uR;
    const vK = left ? vL : vR;
    const pK = left ? pL : pR;
    const EK = left ? EL : ER;
    const Fr = rK * uK;
    const Fn = Fr * uK + pK;
    const Ft = Fr * vK;
    const Fe = uK * (EK + pK);
    if (star) {
      const S = left ? SL : SR;
      const m = left ? mL : mR;
      const f = m / (S - Ss);
      fr[ia] = Fr + S * (f - rK);
      fn[ia] = Fn + S * (f * Ss - Fr);
      ft[ia] = Ft + S * (f * vK - rK * vK);
      fe[ia] = Fe + S * (f * (EK / rK + (Ss - uK) * (Ss + pK / m)) - EK);
    } else {
      fr[ia] = Fr;
      fn[ia] = Fn;
      ft[ia] = Ft;
      fe[ia] = Fe;
    }
  }
}
