/**
 * LoLa's pointwise metrics (docs/method.md §13.2), per frame t and channel (field) c, on the ensemble
 * mean v̄ = (1/S) Σ_s v_s against a single ground-truth (or AE-reconstruction) frame u:
 *
 *   MSE   = mean_x (u − v̄)²
 *   RMSE  = √MSE
 *   VRMSE = √( MSE / (Var_x(u) + 1e-6) ),  Var_x unbiased (N − 1) over the N spatial points
 *   NRMSE = √( MSE / (mean_x u² + 1e-6) )
 *   conserved-total error = 1 − Σ_x v̄ / Σ_x u
 *
 * Inputs: truth u [T, ...space, C], ensemble v [S, T, ...space, C] (S = 1 for a deterministic
 * prediction). Outputs: Float64Array NdArrays [T, C]. ε = LOLA_EPS (not The Well's 1e-7).
 */
import { LOLA_EPS } from '../core/conventions.js';
import { ensembleLayout, ensembleMean, type EnsembleLayout, type LolaInputs } from '../core/ensemble.js';
import { frameResult, type FloatArray, type NdArray } from '../core/ndarray.js';
import { perFrameChannel, stridedVarianceUnbiased } from '../core/strided.js';

/** MSE per (t, c) between u and the ensemble mean m, both laid out [T, ...space, C]. */
export function mseKernel(u: FloatArray, m: FloatArray, layout: EnsembleLayout): Float64Array {
  const n = layout.points;
  return perFrameChannel(layout, (o, st) => {
    let s = 0;
    for (let p = 0, i = o; p < n; p++, i += st) {
      const d = u[i] - m[i];
      s += d * d;
    }
    return s / n;
  });
}

/** Conserved-total error 1 − Σ_x m / Σ_x u per (t, c), u and the ensemble mean m both laid out [T, ...space, C]. */
export function conservedTotalKernel(u: FloatArray, m: FloatArray, layout: EnsembleLayout): Float64Array {
  const n = layout.points;
  return perFrameChannel(layout, (o, st) => {
    let su = 0;
    let sv = 0;
    for (let p = 0, i = o; p < n; p++, i += st) {
      su += u[i];
      sv += m[i];
    }
    return 1 - sv / su;
  });
}

function prepare(truth: NdArray, ensemble: NdArray, where: string) {
  const layout = ensembleLayout(truth, ensemble, where);
  const mean = ensembleMean(ensemble).data;
  return { layout, mean };
}

/** LoLa MSE = mean_x (u − v̄)² per frame and field (docs/method.md §13.2). */
export function lolaMse({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const { layout, mean } = prepare(truth, ensemble, 'lolaMse');
  return frameResult(layout, mseKernel(truth.data, mean, layout));
}

/** LoLa RMSE = √(mean_x (u − v̄)²) per frame and field (docs/method.md §13.2); equals the skill. */
export function lolaRmse({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const { layout, mean } = prepare(truth, ensemble, 'lolaRmse');
  return frameResult(layout, mseKernel(truth.data, mean, layout).map(Math.sqrt));
}

/**
 * LoLa VRMSE = √( mean_x (u − v̄)² / (Var_x(u) + 1e-6) ) with the unbiased (N − 1) spatial variance
 * of the single ground-truth frame u (docs/method.md §13.2). Needs N ≥ 2 spatial points.
 */
export function lolaVrmse({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const { layout, mean } = prepare(truth, ensemble, 'lolaVrmse');
  const mse = mseKernel(truth.data, mean, layout);
  const v = perFrameChannel(layout, (o, st) => stridedVarianceUnbiased(truth.data, o, st, layout.points, 'lolaVrmse'));
  return frameResult(
    layout,
    mse.map((e, i) => Math.sqrt(e / (v[i] + LOLA_EPS))),
  );
}

/** LoLa NRMSE = √( mean_x (u − v̄)² / (mean_x u² + 1e-6) ) (docs/method.md §13.2). */
export function lolaNrmse({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const { layout, mean } = prepare(truth, ensemble, 'lolaNrmse');
  const mse = mseKernel(truth.data, mean, layout);
  const n = layout.points;
  const u = truth.data;
  const ms = perFrameChannel(layout, (o, st) => {
    let s = 0;
    for (let p = 0, i = o; p < n; p++, i += st) s += u[i] * u[i];
    return s / n;
  });
  return frameResult(
    layout,
    mse.map((e, i) => Math.sqrt(e / (ms[i] + LOLA_EPS))),
  );
}

/**
 * Conserved-total error 1 − Σ_x v̄ / Σ_x u per frame and field (docs/method.md §13.2): 0 when the
 * ensemble mean conserves the field's total. Infinite/NaN when Σ_x u = 0 (no ε in the definition).
 */
export function lolaConservedTotalError({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const { layout, mean } = prepare(truth, ensemble, 'lolaConservedTotalError');
  return frameResult(layout, conservedTotalKernel(truth.data, mean, layout));
}
