/**
 * x-direction transforms of two real fields at once: row r of fields a and b travels as one
 * complex row z = a + i·b through the project's 1-D complex FFT (`@lola-ts/numerics`, fft.js).
 * Only the modes m < `modes` are read or written (the solver's dealiased band), the rest are 0.
 *
 * Scaling as `rfftRows`/`irfftRows` with the default norm: Â_m = Σ_j a_j e^{−2πi jm/n}, and the
 * inverse divides by n. With Z = FFT(z): Â_m = (Z_m + Z*_{n−m})/2, B̂_m = (Z_m − Z*_{n−m})/(2i);
 * inversely Z_m = Â_m + iB̂_m and Z_{n−m} = Â*_m + iB̂*_m (Hermitian symmetry of real rows).
 */
import { fft, ifft } from '@lola-ts/numerics';

/** Split complex storage. */
export interface SplitComplex {
  re: Float64Array;
  im: Float64Array;
}

export class PairedRowTransform {
  /**
   * @param n row length (power of two)
   * @param nk stored modes per spectral row (n/2 + 1)
   * @param modes modes evolved (m < modes), 1 ≤ modes ≤ n/2
   */
  constructor(
    readonly n: number,
    readonly nk: number,
    readonly modes: number,
  ) {}

  /**
   * Physical rows of two fields from their spectra: spectral rows `row0 .. row0 + rows − 1` of
   * `a` and `b` → physical rows 0 .. rows − 1 of `outA`, `outB` ([rows × n]), transformed in place
   * there (no scratch copies).
   */
  inverse(a: SplitComplex, b: SplitComplex, row0: number, rows: number, outA: Float64Array, outB: Float64Array): void {
    const { n, nk, modes } = this;
    for (let r = 0; r < rows; r++) {
      const s = (row0 + r) * nk;
      const zr = outA.subarray(r * n, (r + 1) * n);
      const zi = outB.subarray(r * n, (r + 1) * n);
      zr[0] = a.re[s];
      zi[0] = b.re[s];
      for (let m = 1; m < modes; m++) {
        const ar = a.re[s + m],
          ai = a.im[s + m],
          br = b.re[s + m],
          bi = b.im[s + m];
        zr[m] = ar - bi;
        zi[m] = ai + br;
        zr[n - m] = ar + bi;
        zi[n - m] = br - ai;
      }
      for (let m = modes; m <= n - modes; m++) {
        zr[m] = 0;
        zi[m] = 0;
      }
      ifft(zr, zi);
    }
  }

  /**
   * Spectra of two real fields: physical rows 0 .. rows − 1 of `a`, `b` → spectral rows
   * `row0 .. row0 + rows − 1` of `outA`, `outB` (modes ≥ `modes` are set to zero). `a` and `b`
   * are overwritten (transformed in place).
   */
  forward(a: Float64Array, b: Float64Array, rows: number, outA: SplitComplex, outB: SplitComplex, row0: number): void {
    const { n, nk, modes } = this;
    for (let r = 0; r < rows; r++) {
      const zr = a.subarray(r * n, (r + 1) * n);
      const zi = b.subarray(r * n, (r + 1) * n);
      fft(zr, zi);
      const s = (row0 + r) * nk;
      outA.re[s] = zr[0];
      outA.im[s] = 0;
      outB.re[s] = zi[0];
      outB.im[s] = 0;
      for (let m = 1; m < modes; m++) {
        const xr = zr[m],
          xi = zi[m],
          yr = zr[n - m],
          yi = zi[n - m];
        outA.re[s + m] = 0.5 * (xr + yr);
        outA.im[s + m] = 0.5 * (xi - yi);
        outB.re[s + m] = 0.5 * (xi + yi);
        outB.im[s + m] = 0.5 * (yr - xr);
      }
      for (let m = modes; m < nk; m++) {
        outA.re[s + m] = 0;
        outA.im[s + m] = 0;
        outB.re[s + m] = 0;
        outB.im[s + m] = 0;
      }
    }
  }
}
