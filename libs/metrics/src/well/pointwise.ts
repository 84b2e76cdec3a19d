/**
 * The Well's spatial metrics (docs/well-format.md §6, `the_well.benchmark.metrics`), per lead index and
 * channel, x = prediction, y = target, N spatial points, ε = 1e-7 (WELL_EPS, not LoLa's 1e-6):
 *
 *   MSE  = mean_s (x−y)²            MAE = mean_s |x−y|          RMSE = √MSE
 *   NMSE = MSE / (mean_s y² + ε)     (norm_mode "norm", default)
 *   NMSE = MSE / (std_s(y)² + ε)     (norm_mode "std"); VMSE = NMSE in std mode
 *   NRMSE = √NMSE (norm mode)        VRMSE = √( MSE / (std_s(y)² + ε) )
 *   LInfinity = max_s |x−y|          NMAE = MAE / (mean_s |y| + ε)
 *   PearsonR = mean_s((x−x̄)(y−ȳ)) / (std_s(x)·std_s(y) + ε)   (population covariance over
 *              unbiased stds: The Well's mixed normalisation, biased by (N−1)/N)
 * std_s is torch.std: unbiased (N − 1) over all spatial points jointly.
 */
import { WELL_EPS } from '../core/conventions.js';
import { frameResult, type FloatArray, type NdArray } from '../core/ndarray.js';
import { perFrameChannel, stridedMean, stridedVarianceUnbiased } from '../core/strided.js';
import { wellLayout, type WellInputs } from './inputs.js';

type Kernel = (x: FloatArray, y: FloatArray, o: number, st: number, n: number) => number;

function spatial(inputs: WellInputs, where: string, kernel: Kernel): NdArray<Float64Array> {
  const layout = wellLayout(inputs, where);
  const x = inputs.prediction.data;
  const y = inputs.target.data;
  return frameResult(
    layout,
    perFrameChannel(layout, (o, st) => kernel(x, y, o, st, layout.points)),
  );
}

const mse: Kernel = (x, y, o, st, n) => {
  let s = 0;
  for (let p = 0, i = o; p < n; p++, i += st) {
    const d = x[i] - y[i];
    s += d * d;
  }
  return s / n;
};

const mae: Kernel = (x, y, o, st, n) => {
  let s = 0;
  for (let p = 0, i = o; p < n; p++, i += st) s += Math.abs(x[i] - y[i]);
  return s / n;
};

const meanSquare = (y: FloatArray, o: number, st: number, n: number) => {
  let s = 0;
  for (let p = 0, i = o; p < n; p++, i += st) s += y[i] * y[i];
  return s / n;
};

/** The Well's NMSE normalisation: "norm" divides by mean_s y² + ε, "std" by std_s(y)² + ε. */
export type WellNormMode = 'norm' | 'std';

function nmseKernel(mode: WellNormMode, where: string): Kernel {
  if (mode !== 'norm' && mode !== 'std') throw new Error(`${where}: normMode '${String(mode)}'; expected 'norm' or 'std'`);
  return (x, y, o, st, n) => {
    const denom = mode === 'norm' ? meanSquare(y, o, st, n) : stridedVarianceUnbiased(y, o, st, n, where);
    return mse(x, y, o, st, n) / (denom + WELL_EPS);
  };
}

/** The Well MSE = mean_s (x−y)² per lead index and channel (docs/well-format.md §6). */
export function wellMse(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellMse', mse);
}

/** The Well MAE = mean_s |x−y| (docs/well-format.md §6). */
export function wellMae(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellMae', mae);
}

/** The Well RMSE = √(mean_s (x−y)²) (docs/well-format.md §6). */
export function wellRmse(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellRmse', (x, y, o, st, n) => Math.sqrt(mse(x, y, o, st, n)));
}

/**
 * The Well NMSE (docs/well-format.md §6): MSE / (mean_s y² + 1e-7) with normMode "norm" (default), or
 * MSE / (std_s(y)² + 1e-7) with "std" (unbiased std).
 */
export function wellNmse(inputs: WellInputs & { normMode?: WellNormMode }): NdArray<Float64Array> {
  return spatial(inputs, 'wellNmse', nmseKernel(inputs.normMode ?? 'norm', 'wellNmse'));
}

/** The Well NRMSE = √(MSE / (mean_s y² + 1e-7)) (norm mode; docs/well-format.md §6). */
export function wellNrmse(inputs: WellInputs): NdArray<Float64Array> {
  const k = nmseKernel('norm', 'wellNrmse');
  return spatial(inputs, 'wellNrmse', (x, y, o, st, n) => Math.sqrt(k(x, y, o, st, n)));
}

/** The Well VMSE = MSE / (std_s(y)² + 1e-7) (NMSE in std mode; docs/well-format.md §6). */
export function wellVmse(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellVmse', nmseKernel('std', 'wellVmse'));
}

/**
 * The Well VRMSE = √( mean_s (x−y)² / (std_s(y)² + 1e-7) ), unbiased std; ε is always 1e-7 (issue
 * #75 of the_well). Predicting the target's spatial mean scores ≈ 1 (docs/well-format.md §6).
 */
export function wellVrmse(inputs: WellInputs): NdArray<Float64Array> {
  const k = nmseKernel('std', 'wellVrmse');
  return spatial(inputs, 'wellVrmse', (x, y, o, st, n) => Math.sqrt(k(x, y, o, st, n)));
}

/** The Well LInfinity = max_s |x−y| (docs/well-format.md §6). */
export function wellLInfinity(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellLInfinity', (x, y, o, st, n) => {
    let m = 0;
    for (let p = 0, i = o; p < n; p++, i += st) m = Math.max(m, Math.abs(x[i] - y[i]));
    return m;
  });
}

/** The Well NMAE = mean_s |x−y| / (mean_s |y| + 1e-7) (docs/well-format.md §6). */
export function wellNmae(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellNmae', (x, y, o, st, n) => {
    let s = 0;
    for (let p = 0, i = o; p < n; p++, i += st) s += Math.abs(y[i]);
    return mae(x, y, o, st, n) / (s / n + WELL_EPS);
  });
}

/**
 * The Well PearsonR = cov / (std_s(x)·std_s(y) + 1e-7) with cov = mean_s((x−x̄)(y−ȳ)) (population
 * mean) and unbiased stds (docs/well-format.md §6): a perfect match gives (N−1)/N, not 1.
 */
export function wellPearsonR(inputs: WellInputs): NdArray<Float64Array> {
  return spatial(inputs, 'wellPearsonR', (x, y, o, st, n) => {
    const mx = stridedMean(x, o, st, n);
    const my = stridedMean(y, o, st, n);
    let cov = 0;
    let vx = 0;
    let vy = 0;
    for (let p = 0, i = o; p < n; p++, i += st) {
      const dx = x[i] - mx;
      const dy = y[i] - my;
      cov += dx * dy;
      vx += dx * dx;
      vy += dy * dy;
    }
    if (n < 2) throw new Error(`wellPearsonR: the unbiased standard deviation needs at least 2 spatial points, got ${n}`);
    return cov / n / (Math.sqrt(vx / (n - 1)) * Math.sqrt(vy / (n - 1)) + WELL_EPS);
  });
}
