/**
 * The metrics speed suite: one task per public metric of @lola-ts/metrics on a size² field
 * (truth [1, size, size, 1], ensemble [S, 1, size, size, 1]; standard-normal values, seeded).
 */
import { fft2d, rfft2d, Rng } from '@lola-ts/numerics';
import {
  ensembleMean,
  isotropicPowerSpectrum,
  lolaConservedTotalError,
  lolaNrmse,
  lolaPointwiseMetrics,
  lolaRmse,
  lolaSpectrumBandErrors,
  lolaSpectrumErrors,
  lolaSpread,
  lolaSpreadSkill,
  lolaVrmse,
  wellBinnedSpectralMse,
  wellLInfinity,
  wellMae,
  wellNmae,
  wellNrmse,
  wellPearsonR,
  wellVrmse,
  type NdArray,
} from '@lola-ts/metrics';

/** A benchmark task: `run` returns one number of its result so the work cannot be optimised away. */
export interface MetricTask {
  name: string;
  run: () => number;
}

/** Suite inputs. */
export interface MetricSuiteOptions {
  /** Grid side (power of two); the paper's Euler grid is 512, the suite default 256. */
  size: number;
  /** Ensemble size S (LoLa evaluates 16 members). */
  members: number;
  /** Seed of the input fields. */
  seed: number;
}

/** Seeded standard-normal values (the project's Rng). */
function normals(n: number, seed: number): Float32Array {
  return new Rng(seed).fillNormal(new Float32Array(n));
}

/** Builds the inputs and the list of tasks. */
export function metricTasks({ size, members, seed }: MetricSuiteOptions): MetricTask[] {
  const n = size * size;
  const truth: NdArray = { data: normals(n, seed), shape: [1, size, size, 1] };
  const ensemble: NdArray = { data: normals(members * n, seed + 1), shape: [members, 1, size, size, 1] };
  const lola = { truth, ensemble };
  const well = { prediction: ensembleMean(ensemble), target: truth };
  const field = Float64Array.from(truth.data);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const first = (a: NdArray) => a.data[0];
  /** One task per function, named after it, returning the first value of its result. */
  const firstOf = <I>(input: I, fns: Record<string, (x: I) => NdArray>): MetricTask[] =>
    Object.entries(fns).map(([name, f]) => ({ name, run: () => first(f(input)) }));
  return [
    { name: 'fft2d', run: () => (re.set(field), im.fill(0), fft2d(re, im, size, size), re[1]) },
    { name: 'rfft2d', run: () => rfft2d(field, size, size).re[1] },
    ...firstOf(lola, { lolaRmse, lolaVrmse, lolaNrmse, lolaSpread, lolaSpreadSkill, lolaConservedTotalError }),
    { name: 'lolaPointwiseMetrics', run: () => first(lolaPointwiseMetrics(lola).vrmse) },
    { name: 'isotropicPowerSpectrum', run: () => isotropicPowerSpectrum(field, [size, size]).power[0] },
    { name: 'lolaSpectrumErrors', run: () => first(lolaSpectrumErrors(lola).powerError) },
    { name: 'lolaSpectrumBandErrors', run: () => first(lolaSpectrumBandErrors(lola).power.low) },
    ...firstOf(well, { wellVrmse, wellNrmse, wellMae, wellNmae, wellLInfinity, wellPearsonR }),
    { name: 'wellBinnedSpectralMse', run: () => first(wellBinnedSpectralMse(well).mse) },
  ];
}
