/**
 * Batched banded solves along z, one real matrix per Fourier mode, applied to the real and the
 * imaginary part of a complex right-hand side (`docs/simulators.md` §3.3: "tridiagonal (Thomas
 * algorithm, batched over modes)"; the biharmonic streamfunction solve needs five bands).
 *
 * Layout: row r of mode m lives at `(row0 + r)·nk + m`, so the elimination sweeps rows in order
 * with the modes in the inner, contiguous loop. Gaussian elimination without pivoting: the
 * matrices used here are symmetric positive definite or strictly diagonally dominant.
 */

/** Five bands of a batch of n × n pentadiagonal matrices, each `n·nk` long (row-major, mode inner). */
export interface PentaBands {
  /** a[r] = A[r][r−2], b = A[r][r−1], d = A[r][r], e = A[r][r+1], f = A[r][r+2]. */
  a: Float64Array;
  b: Float64Array;
  d: Float64Array;
  e: Float64Array;
  f: Float64Array;
}

/** LU factors of a {@link PentaBands} batch. */
export interface PentaFactors {
  readonly n: number;
  readonly nk: number;
  /** Multipliers of rows r − 2 and r − 1, the inverse pivot and U's two superdiagonals. */
  readonly l2: Float64Array;
  readonly l1: Float64Array;
  readonly dInv: Float64Array;
  readonly u1: Float64Array;
  readonly u2: Float64Array;
}

/** Allocates bands for n rows and nk modes. */
export function allocPentaBands(n: number, nk: number): PentaBands {
  const z = () => new Float64Array(n * nk);
  return { a: z(), b: z(), d: z(), e: z(), f: z() };
}

/**
 * LU factorisation (no pivoting) of a batch of pentadiagonal matrices. Eliminates column r from
 * rows r + 1 and r + 2 with row r. Throws if a pivot vanishes.
 */
export function factorPenta(bands: PentaBands, n: number, nk: number, out?: PentaFactors): PentaFactors {
  const res: PentaFactors = out ?? {
    n,
    nk,
    l2: new Float64Array(n * nk),
    l1: new Float64Array(n * nk),
    dInv: new Float64Array(n * nk),
    u1: new Float64Array(n * nk),
    u2: new Float64Array(n * nk),
  };
  const { l2, l1, dInv, u1, u2 } = res;
  // Working copies of the active rows: row r (pivot row), r + 1 and r + 2.
  l2.set(bands.a);
  l1.set(bands.b);
  const d = Float64Array.from(bands.d);
  u1.set(bands.e);
  u2.set(bands.f);
  for (let r = 0; r < n; r++) {
    const o = r * nk;
    for (let m = 0; m < nk; m++) {
      const piv = d[o + m];
      if (piv === 0 || !Number.isFinite(piv)) throw new Error(`factorPenta: zero or non-finite pivot at row ${r}, mode ${m}`);
      const inv = 1 / piv;
      dInv[o + m] = inv;
      const e = u1[o + m];
      const f = u2[o + m];
      if (r + 1 < n) {
        const o1 = o + nk + m;
        const lm = l1[o1] * inv;
        l1[o1] = lm;
        d[o1] -= lm * e;
        u1[o1] -= lm * f;
      }
      if (r + 2 < n) {
        const o2 = o + 2 * nk + m;
        const lm = l2[o2] * inv;
        l2[o2] = lm;
        l1[o2] -= lm * e;
        d[o2] -= lm * f;
      }
    }
  }
  return res;
}

/**
 * Solves A x = y in place for every mode m < `modes` (default all), on rows `row0 .. row0 + n − 1`
 * of the arrays `re` and `im` (each `nk` values per row).
 */
export function solvePenta(fac: PentaFactors, re: Float64Array, im: Float64Array, row0: number, modes = fac.nk): void {
  const { n, nk, l1, l2, dInv, u1, u2 } = fac;
  const base = row0 * nk;
  // Forward substitution: y[r] −= l1[r]·y[r−1] + l2[r]·y[r−2] (rows r − 1, r − 2 already final).
  for (let r = 1; r < n; r++) {
    const o = r * nk;
    const p = base + o;
    if (r >= 2) {
      for (let m = 0; m < modes; m++) {
        const a1 = l1[o + m];
        const a2 = l2[o + m];
        re[p + m] -= a1 * re[p - nk + m] + a2 * re[p - 2 * nk + m];
        im[p + m] -= a1 * im[p - nk + m] + a2 * im[p - 2 * nk + m];
      }
    } else {
      for (let m = 0; m < modes; m++) {
        const a1 = l1[o + m];
        re[p + m] -= a1 * re[p - nk + m];
        im[p + m] -= a1 * im[p - nk + m];
      }
    }
  }
  // Back substitution: x[r] = (y[r] − u1[r]·x[r+1] − u2[r]·x[r+2]) / d[r].
  for (let r = n - 1; r >= 0; r--) {
    const o = r * nk;
    const p = base + o;
    if (r + 2 < n) {
      for (let m = 0; m < modes; m++) {
        re[p + m] = (re[p + m] - u1[o + m] * re[p + nk + m] - u2[o + m] * re[p + 2 * nk + m]) * dInv[o + m];
        im[p + m] = (im[p + m] - u1[o + m] * im[p + nk + m] - u2[o + m] * im[p + 2 * nk + m]) * dInv[o + m];
      }
    } else if (r + 1 < n) {
      for (let m = 0; m < modes; m++) {
        re[p + m] = (re[p + m] - u1[o + m] * re[p + nk + m]) * dInv[o + m];
        im[p + m] = (im[p + m] - u1[o + m] * im[p + nk + m]) * dInv[o + m];
      }
    } else {
      for (let m = 0; m < modes; m++) {
        re[p + m] *= dInv[o + m];
        im[p + m] *= dInv[o + m];
      }
    }
  }
}

/**
 * {@link solvePenta} for factors of a tridiagonal batch (outer bands zero): the Thomas algorithm.
 */
export function solveTri(fac: PentaFactors, re: Float64Array, im: Float64Array, row0: number, modes = fac.nk): void {
  const { n, nk, l1, dInv, u1 } = fac;
  const base = row0 * nk;
  for (let r = 1; r < n; r++) {
    const o = r * nk;
    const p = base + o;
    for (let m = 0; m < modes; m++) {
      const a = l1[o + m];
      re[p + m] -= a * re[p - nk + m];
      im[p + m] -= a * im[p - nk + m];
    }
  }
  const last = (n - 1) * nk;
  for (let m = 0; m < modes; m++) {
    re[base + last + m] *= dInv[last + m];
    im[base + last + m] *= dInv[last + m];
  }
  for (let r = n - 2; r >= 0; r--) {
    const o = r * nk;
    const p = base + o;
    for (let m = 0; m < modes; m++) {
      re[p + m] = (re[p + m] - u1[o + m] * re[p + nk + m]) * dInv[o + m];
      im[p + m] = (im[p + m] - u1[o + m] * im[p + nk + m]) * dInv[o + m];
    }
  }
}

/** Multiplies y = A x for one batch of bands (testing and residual checks); rows as in solvePenta. */
export function multiplyPenta(bands: PentaBands, n: number, nk: number, x: Float64Array, y: Float64Array): void {
  for (let r = 0; r < n; r++) {
    for (let m = 0; m < nk; m++) {
      const i = r * nk + m;
      let s = bands.d[i] * x[i];
      if (r >= 1) s += bands.b[i] * x[i - nk];
      if (r >= 2) s += bands.a[i] * x[i - 2 * nk];
      if (r + 1 < n) s += bands.e[i] * x[i + nk];
      if (r + 2 < n) s += bands.f[i] * x[i + 2 * nk];
      y[i] = s;
    }
  }
}
