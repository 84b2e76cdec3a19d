/**
 * The Fourier modes of a real field on a periodic grid of spatial shape (n_1, ..., n_d), with their
 * radial wavenumbers |k| = √(Σ_a fftfreq(n_a)²) in cycles/pixel, and the ortho power |F(k)|² of a
 * field. Shared by LoLa's isotropic spectrum (docs/method.md §13.3) and The Well's binned spectral MSE
 * (docs/well-format.md §6).
 *
 * For 1-D and 2-D grids only the half spectrum (last axis 0..n/2) is stored, each mode with a weight
 * (2 for modes whose mirror −k is not stored, 1 otherwise), so that weighted sums over the stored
 * modes equal sums over the full spectrum (|F(−k)| = |F(k)| for real fields and |−k| = |k|).
 */
import { assertPowerOfTwo, fftfreq, powerSpectrumNd, rfft2d, rfftRows, sizeOf, type ComplexArrays } from '@lola-ts/numerics';

/** Stored modes of a grid: weights and radial wavenumbers, in storage order. */
export interface SpectralModes {
  readonly shape: readonly number[];
  /** Number of spatial points N = Π n_a. */
  readonly points: number;
  /** True when only the half spectrum along the last axis is stored (1-D and 2-D grids). */
  readonly half: boolean;
  /** Number of stored modes. */
  readonly modes: number;
  /** Multiplicity of each stored mode in the full spectrum (1 or 2). */
  readonly weight: Float64Array;
  /** |k| of each stored mode in cycles/pixel. */
  readonly kAbs: Float64Array;
  /** Reusable spectrum buffers (half spectrum) for `modalPower`. */
  readonly scratch: ComplexArrays | null;
}

const cache = new Map<string, SpectralModes>();

/** The (cached) modes of a grid of the given spatial shape; sizes must be powers of two. */
export function spectralModes(shape: readonly number[]): SpectralModes {
  const key = shape.join('x');
  const hit = cache.get(key);
  if (hit) return hit;
  if (shape.length === 0) throw new Error('spectralModes: spatial shape is empty; expected at least one spatial axis');
  shape.forEach((n, a) => assertPowerOfTwo(n, `spectralModes: spatial size ${a}`));
  const d = shape.length;
  const points = sizeOf(shape);
  const half = d <= 2;
  const freqs = shape.map((n) => fftfreq(n));
  let modes: number;
  let weight: Float64Array;
  let kAbs: Float64Array;
  if (half) {
    const nx = shape[d - 1];
    const ny = d === 2 ? shape[0] : 1;
    const m = (nx >> 1) + 1;
    modes = ny * m;
    weight = new Float64Array(modes);
    kAbs = new Float64Array(modes);
    const fy = d === 2 ? freqs[0] : new Float64Array(1);
    const fx = freqs[d - 1];
    for (let y = 0; y < ny; y++) {
      for (let q = 0; q < m; q++) {
        const i = y * m + q;
        weight[i] = q === 0 || 2 * q === nx ? 1 : 2;
        kAbs[i] = Math.sqrt(fy[y] * fy[y] + fx[q] * fx[q]);
      }
    }
  } else {
    modes = points;
    weight = new Float64Array(modes).fill(1);
    kAbs = new Float64Array(modes);
    const idx = new Array<number>(d).fill(0);
    for (let i = 0; i < modes; i++) {
      let k2 = 0;
      for (let a = 0; a < d; a++) k2 += freqs[a][idx[a]] ** 2;
      kAbs[i] = Math.sqrt(k2);
      for (let a = d - 1; a >= 0; a--) {
        if (++idx[a] < shape[a]) break;
        idx[a] = 0;
      }
    }
  }
  const scratch = half ? { re: new Float64Array(modes), im: new Float64Array(modes) } : null;
  const res: SpectralModes = { shape: [...shape], points, half, modes, weight, kAbs, scratch };
  cache.set(key, res);
  return res;
}

/**
 * Ortho power |F(k)|² of a real field (N values, row-major over the grid) for each stored mode:
 * F = FFT with 1/√N, so Σ_full |F|² = Σ_x field² (Parseval). Writes into `out` (length `modes`).
 */
export function modalPower(field: Float64Array, grid: SpectralModes, out?: Float64Array): Float64Array {
  if (field.length !== grid.points) {
    throw new Error(`modalPower: field has ${field.length} values; expected ${grid.points} for spatial shape [${grid.shape.join(', ')}]`);
  }
  const res = out ?? new Float64Array(grid.modes);
  if (!grid.half) {
    res.set(powerSpectrumNd(field, grid.shape, { norm: 'ortho' }));
    return res;
  }
  const d = grid.shape.length;
  const nx = grid.shape[d - 1];
  const spec =
    d === 2 ? rfft2d(field, grid.shape[0], nx, grid.scratch!, { norm: 'ortho' }) : rfftRows(field, 1, nx, grid.scratch!, { norm: 'ortho' });
  for (let i = 0; i < grid.modes; i++) res[i] = spec.re[i] * spec.re[i] + spec.im[i] * spec.im[i];
  return res;
}
