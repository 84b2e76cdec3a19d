/**
 * ETDRK4 (Cox & Matthews 2002) coefficients for a diagonal linear operator, computed with the
 * contour integrals of Kassam & Trefethen (2005), as Chebfun's `spin2` does (docs/simulators.md §4.1).
 *
 * For u' = λu + N(u) and step h, with z = hλ, the scheme is
 *   a = E₂ uₙ + Q N(uₙ),  b = E₂ uₙ + Q N(a),  c = E₂ a + Q (2N(b) − N(uₙ)),
 *   uₙ₊₁ = E uₙ + f₁ N(uₙ) + 2 f₂ (N(a) + N(b)) + f₃ N(c),
 * where E = e^z, E₂ = e^{z/2} and (Kassam–Trefethen eq. 2.5, with h folded in)
 *   Q  = h · (e^{z/2} − 1)/z,
 *   f₁ = h · (−4 − z + e^z (4 − 3z + z²))/z³,
 *   f₂ = h · (2 + z + e^z (z − 2))/z³,
 *   f₃ = h · (−4 − 3z − z² + e^z (4 − z))/z³.
 * The φ-type quotients cancel catastrophically near z = 0, so each is evaluated as the mean of
 * the same expression over M points w = z + e^{iθ} of a unit circle around z (Cauchy's integral
 * formula). For real z the mean over the upper half circle, real part, is the full-circle mean.
 */

/** ETDRK4 coefficients, one entry per eigenvalue. */
export interface Etdrk4Coefficients {
  readonly E: Float64Array;
  readonly E2: Float64Array;
  readonly Q: Float64Array;
  readonly f1: Float64Array;
  readonly f2: Float64Array;
  readonly f3: Float64Array;
}

/** Coefficients of one eigenvalue (see {@link etdrk4Coefficients}). */
export function etdrk4Scalar(lambda: number, h: number, contourPoints = 64): [number, number, number, number, number, number] {
  const z = h * lambda;
  let q = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = 0; j < contourPoints; j++) {
    const theta = (Math.PI * (j + 0.5)) / contourPoints;
    const wr = z + Math.cos(theta);
    const wi = Math.sin(theta);
    // e^w and e^{w/2}
    const ew = Math.exp(wr);
    const er = ew * Math.cos(wi);
    const ei = ew * Math.sin(wi);
    const eh = Math.exp(wr / 2);
    const ehr = eh * Math.cos(wi / 2);
    const ehi = eh * Math.sin(wi / 2);
    // 1/w, 1/w³
    const d = wr * wr + wi * wi;
    const ir = wr / d;
    const ii = -wi / d;
    const i2r = ir * ir - ii * ii;
    const i2i = 2 * ir * ii;
    const i3r = i2r * ir - i2i * ii;
    const i3i = i2r * ii + i2i * ir;
    const w2r = wr * wr - wi * wi;
    const w2i = 2 * wr * wi;
    // Q: (e^{w/2} − 1)/w
    q += (ehr - 1) * ir - ehi * ii;
    // f1 numerator: −4 − w + e^w (4 − 3w + w²)
    let pr = 4 - 3 * wr + w2r;
    let pi = -3 * wi + w2i;
    let nr = -4 - wr + (er * pr - ei * pi);
    let ni = -wi + (er * pi + ei * pr);
    a1 += nr * i3r - ni * i3i;
    // f2 numerator: 2 + w + e^w (w − 2)
    pr = wr - 2;
    pi = wi;
    nr = 2 + wr + (er * pr - ei * pi);
    ni = wi + (er * pi + ei * pr);
    a2 += nr * i3r - ni * i3i;
    // f3 numerator: −4 − 3w − w² + e^w (4 − w)
    pr = 4 - wr;
    pi = -wi;
    nr = -4 - 3 * wr - w2r + (er * pr - ei * pi);
    ni = -3 * wi - w2i + (er * pi + ei * pr);
    a3 += nr * i3r - ni * i3i;
  }
  const s = h / contourPoints;
  return [Math.exp(z), Math.exp(z / 2), q * s, a1 * s, a2 * s, a3 * s];
}

/**
 * ETDRK4 coefficients for the eigenvalues `lambdas` (real, ≤ 0 for diffusion) and step `h`.
 * @param contourPoints points on the half contour (default 64; 32 already gives ~1e-15).
 */
export function etdrk4Coefficients(lambdas: ArrayLike<number>, h: number, contourPoints = 64): Etdrk4Coefficients {
  if (!(h > 0) || !Number.isFinite(h)) throw new Error(`etdrk4Coefficients: step h must be a positive finite number, got ${h}`);
  const n = lambdas.length;
  const out = {
    E: new Float64Array(n),
    E2: new Float64Array(n),
    Q: new Float64Array(n),
    f1: new Float64Array(n),
    f2: new Float64Array(n),
    f3: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = etdrk4Scalar(lambdas[i], h, contourPoints);
    out.E[i] = c[0];
    out.E2[i] = c[1];
    out.Q[i] = c[2];
    out.f1[i] = c[3];
    out.f2[i] = c[4];
    out.f3[i] = c[5];
  }
  return out;
}
