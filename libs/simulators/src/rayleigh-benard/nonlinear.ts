/**
 * Explicit terms of the Rayleigh–Bénard solver (`docs/simulators.md` §3.3 option A), in
 * conservative form with products in physical space:
 *   vorticity (modes m ≥ 1):  N_ω = −∂x(uω) − ∂z(wω) + ∂x b,
 *   mean flow (mode 0):       N_U = −∂z⟨uw⟩,
 *   buoyancy:                 N_b = −∂x(ub) − ∂z(wb),
 * with u = ∂zψ, w = −∂xψ, ω = −∇²ψ, spectral ∂x and central ∂z (the products vanish at the
 * walls). Four fields go to physical space and four products come back, two per complex FFT.
 * Arrays: spectral (nz + 1) × nk (row j = z_j, mode inner), physical rows j = 1..nz − 1 only.
 */
import type { RbGrid } from './operators.js';
import { PairedRowTransform, type SplitComplex } from './row-transforms.js';

export class RbNonlinear {
  /** Largest |u| and |w| of the last evaluation. */
  maxU = 0;
  maxW = 0;
  private readonly sU: SplitComplex;
  private readonly sW: SplitComplex;
  private readonly sO: SplitComplex;
  private readonly sP: SplitComplex;
  private readonly pu: Float64Array;
  private readonly pw: Float64Array;
  private readonly po: Float64Array;
  private readonly pb: Float64Array;
  private readonly uw: Float64Array;
  private readonly rows: PairedRowTransform;

  constructor(private readonly g: RbGrid) {
    const full = (g.nz + 1) * g.nk;
    const pair = (): SplitComplex => ({ re: new Float64Array(full), im: new Float64Array(full) });
    this.sU = pair();
    this.sW = pair();
    this.sO = pair();
    this.sP = pair();
    const phys = (g.nz - 1) * g.nx;
    this.pu = new Float64Array(phys);
    this.pw = new Float64Array(phys);
    this.po = new Float64Array(phys);
    this.pb = new Float64Array(phys);
    this.uw = new Float64Array(g.nz + 1);
    this.rows = new PairedRowTransform(g.nx, g.nk, g.mAct);
  }

  /** Writes N_ψ (mode 0: N_U) and N_b of the state (ψ̂ with U in mode 0, b̂) on interior rows. */
  evaluate(psi: SplitComplex, b: SplitComplex, outPsi: SplitComplex, outB: SplitComplex): void {
    const { nx, nz, nk, mAct, h, k } = this.g;
    const { sU, sW, sO, sP, pu, pw, po, pb, uw } = this;
    const inv2h = 1 / (2 * h);
    const h2 = 1 / (h * h);
    // u, w, ω spectra.
    for (let j = 1; j < nz; j++) {
      const o = j * nk;
      sU.re[o] = psi.re[o];
      sU.im[o] = 0;
      sW.re[o] = 0;
      sW.im[o] = 0;
      sO.re[o] = -(psi.re[o + nk] - psi.re[o - nk]) * inv2h;
      sO.im[o] = 0;
      for (let m = 1; m < mAct; m++) {
        const i = o + m;
        const km = k[m];
        const pr = psi.re[i],
          pi = psi.im[i];
        const upR = psi.re[i + nk],
          dnR = psi.re[i - nk],
          upI = psi.im[i + nk],
          dnI = psi.im[i - nk];
        sU.re[i] = (upR - dnR) * inv2h;
        sU.im[i] = (upI - dnI) * inv2h;
        sW.re[i] = km * pi;
        sW.im[i] = -km * pr;
        const c0 = -2 * h2 - km * km;
        sO.re[i] = -((upR + dnR) * h2 + c0 * pr);
        sO.im[i] = -((upI + dnI) * h2 + c0 * pi);
      }
    }
    const rows = nz - 1;
    this.rows.inverse(sU, sW, 1, rows, pu, pw);
    this.rows.inverse(sO, b, 1, rows, po, pb);
    let maxU = 0;
    let maxW = 0;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let i = r * nx, end = i + nx; i < end; i++) {
        const u = pu[i],
          w = pw[i],
          om = po[i],
          bb = pb[i];
        const au = u < 0 ? -u : u;
        const aw = w < 0 ? -w : w;
        if (au > maxU) maxU = au;
        if (aw > maxW) maxW = aw;
        s += u * w;
        pu[i] = u * om;
        po[i] = w * om;
        pw[i] = u * bb;
        pb[i] = w * bb;
      }
      uw[r + 1] = s; // nx × row mean: the scaling of spectral mode 0
    }
    this.maxU = maxU;
    this.maxW = maxW;
    this.rows.forward(pu, po, rows, sU, sO, 1); // (uω)^, (wω)^
    this.rows.forward(pw, pb, rows, sP, sW, 1); // (ub)^, (wb)^
    for (let j = 1; j < nz; j++) {
      const o = j * nk;
      const up = j < nz - 1 ? nk : 0; // row offsets of j ± 1 (0 at the walls, where products vanish)
      const dn = j > 1 ? nk : 0;
      outPsi.re[o] = -(uw[j + 1] - uw[j - 1]) * inv2h;
      outPsi.im[o] = 0;
      for (let m = 0; m < mAct; m++) {
        const i = o + m;
        const km = k[m];
        const wbUpRe = up ? sW.re[i + up] : 0,
          wbUpIm = up ? sW.im[i + up] : 0;
        const wbDnRe = dn ? sW.re[i - dn] : 0,
          wbDnIm = dn ? sW.im[i - dn] : 0;
        outB.re[i] = km * sP.im[i] - (wbUpRe - wbDnRe) * inv2h;
        outB.im[i] = -km * sP.re[i] - (wbUpIm - wbDnIm) * inv2h;
        if (m === 0) continue;
        const woUpRe = up ? sO.re[i + up] : 0,
          woUpIm = up ? sO.im[i + up] : 0;
        const woDnRe = dn ? sO.re[i - dn] : 0,
          woDnIm = dn ? sO.im[i - dn] : 0;
        // −(ik (uω)^ + ∂z (wω)^) + ik b̂
        outPsi.re[i] = km * sU.im[i] - (woUpRe - woDnRe) * inv2h - km * b.im[i];
        outPsi.im[i] = -km * sU.re[i] - (woUpIm - woDnIm) * inv2h + km * b.re[i];
      }
    }
  }
}
