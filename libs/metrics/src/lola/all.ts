/**
 * All of LoLa's pointwise and calibration metrics in one pass over the ensemble mean
 * (docs/method.md §13.2), each with shape [T, C]. Same definitions as the single-metric functions.
 */
import { LOLA_EPS } from '../core/conventions.js';
import { ensembleLayout, ensembleMean, type LolaInputs } from '../core/ensemble.js';
import { frameResult, type NdArray } from '../core/ndarray.js';
import { perFrameChannel, stridedVarianceUnbiased } from '../core/strided.js';
import { conservedTotalKernel, mseKernel } from './pointwise.js';
import { spreadKernel, spreadSkillKernel } from './spread-skill.js';

/** LoLa's per-frame, per-field metrics. */
export interface LolaPointwiseMetrics {
  mse: NdArray<Float64Array>;
  rmse: NdArray<Float64Array>;
  vrmse: NdArray<Float64Array>;
  nrmse: NdArray<Float64Array>;
  spread: NdArray<Float64Array>;
  /** = rmse (RMSE of the ensemble mean). */
  skill: NdArray<Float64Array>;
  spreadSkill: NdArray<Float64Array>;
  conservedTotalError: NdArray<Float64Array>;
}

/** MSE, RMSE, VRMSE, NRMSE, spread, skill, spread/skill and conserved-total error (docs/method.md §13.2). */
export function lolaPointwiseMetrics({ truth, ensemble }: LolaInputs): LolaPointwiseMetrics {
  const layout = ensembleLayout(truth, ensemble, 'lolaPointwiseMetrics');
  const m = ensembleMean(ensemble).data;
  const u = truth.data;
  const n = layout.points;
  const mse = mseKernel(u, m, layout);
  const rmse = mse.map(Math.sqrt);
  const variance = perFrameChannel(layout, (o, st) => stridedVarianceUnbiased(u, o, st, n, 'lolaPointwiseMetrics (VRMSE)'));
  const meanSquare = perFrameChannel(layout, (o, st) => {
    let s2 = 0;
    for (let p = 0, i = o; p < n; p++, i += st) s2 += u[i] * u[i];
    return s2 / n;
  });
  const conserved = conservedTotalKernel(u, m, layout);
  const spread = spreadKernel(ensemble.data, m, layout);
  const r = (data: Float64Array) => frameResult(layout, data);
  return {
    mse: r(mse),
    rmse: r(rmse),
    vrmse: r(mse.map((e, i) => Math.sqrt(e / (variance[i] + LOLA_EPS)))),
    nrmse: r(mse.map((e, i) => Math.sqrt(e / (meanSquare[i] + LOLA_EPS)))),
    spread: r(spread),
    skill: r(rmse.slice()),
    spreadSkill: r(spreadSkillKernel(spread, rmse, layout.members)),
    conservedTotalError: r(conserved),
  };
}
