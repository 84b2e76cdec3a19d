/**
 * Output grids of the Rayleigh–Bénard data (`docs/simulators.md` §3.4, `docs/well-format.md` §8.3):
 * The Well's `rayleigh_benard` keeps Dedalus's ChebyshevT grid in z (stored as `y`), i.e. the
 * Gauss (root) nodes z_j = (1 − cos(π(j + ½)/n))/2, j = 0..n − 1 (ascending, no wall points);
 * `rayleigh_benard_uniform` uses a uniform grid, here the cell centres z_j = (j + ½)/n.
 * The solver's node values are interpolated with 4-point (cubic) Lagrange stencils.
 */

/** Output z grid: The Well's Chebyshev–Gauss nodes or uniform cell centres. */
export type RbOutputGrid = 'chebyshev' | 'uniform';

/** The n output heights of `grid`. */
export function rbOutputHeights(grid: RbOutputGrid, n: number): Float64Array {
  if (grid === 'chebyshev') return Float64Array.from({ length: n }, (_, j) => (1 - Math.cos((Math.PI * (j + 0.5)) / n)) / 2);
  if (grid === 'uniform') return Float64Array.from({ length: n }, (_, j) => (j + 0.5) / n);
  throw new Error(`rayleigh-benard: unknown output grid '${String(grid)}'; expected 'chebyshev' or 'uniform'`);
}

/** Cubic Lagrange weights from the nodes j/nz (j = 0..nz) to the heights `z`. */
export interface ZInterpolator {
  readonly first: Int32Array;
  readonly weights: Float64Array;
}

/** Builds the stencils (4 nodes per target, clamped inside [0, nz]). */
export function zInterpolator(nz: number, z: Float64Array): ZInterpolator {
  if (nz < 3) throw new Error(`zInterpolator: nz = ${nz}; need at least 4 nodes`);
  const first = new Int32Array(z.length);
  const weights = new Float64Array(4 * z.length);
  for (let t = 0; t < z.length; t++) {
    const s = z[t] * nz;
    const j0 = Math.max(0, Math.min(nz - 3, Math.floor(s) - 1));
    first[t] = j0;
    for (let q = 0; q < 4; q++) {
      let w = 1;
      for (let r = 0; r < 4; r++) if (r !== q) w *= (s - (j0 + r)) / (q - r);
      weights[4 * t + q] = w;
    }
  }
  return { first, weights };
}

/**
 * Interpolates a node field f[(nz + 1) × nx] (row j, x inner) to the target heights and writes it
 * channels-last in The Well's [x][y] order: out[offset + (i·ny + t)·stride + component].
 */
export function interpolateToWell(
  f: Float64Array,
  nx: number,
  interp: ZInterpolator,
  out: Float32Array,
  offset: number,
  stride = 1,
  component = 0,
): void {
  const ny = interp.first.length;
  for (let t = 0; t < ny; t++) {
    const j0 = interp.first[t];
    const w0 = interp.weights[4 * t],
      w1 = interp.weights[4 * t + 1],
      w2 = interp.weights[4 * t + 2],
      w3 = interp.weights[4 * t + 3];
    const r0 = j0 * nx,
      r1 = r0 + nx,
      r2 = r1 + nx,
      r3 = r2 + nx;
    for (let i = 0; i < nx; i++) {
      out[offset + (i * ny + t) * stride + component] = w0 * f[r0 + i] + w1 * f[r1 + i] + w2 * f[r2 + i] + w3 * f[r3 + i];
    }
  }
}
