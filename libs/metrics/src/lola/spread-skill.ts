/**
 * LoLa's ensemble calibration metrics (docs/method.md §13.2), per frame t and field c:
 *
 *   spread       = √( (S+1)/(S−1) · mean_{x, s} (v_s − v̄)² )   (finite-ensemble correction,
 *                  Fortin et al. 2014, doi 10.1175/JHM-D-14-0008.1; mean over samples divides by S)
 *   skill        = RMSE of the ensemble mean = √(mean_x (u − v̄)²)
 *   spread/skill = (spread + 1e-3) / (skill + 1e-3)   (ideal 1)
 *
 * For S = 1 (a deterministic prediction, e.g. the neural solver) the correction factor is
 * undefined; spread is reported as 0 and spread/skill as 0, as docs/method.md §13.2 prescribes for the NS.
 */
import { LOLA_SPREAD_SKILL_EPS } from '../core/conventions.js';
import { ensembleLayout, ensembleMean, type EnsembleLayout, type LolaInputs } from '../core/ensemble.js';
import { frameResult, type FloatArray, type NdArray } from '../core/ndarray.js';
import { perFrameChannel } from '../core/strided.js';
import { mseKernel } from './pointwise.js';

/** Spread per (t, c) from the ensemble data v [S, T, ...space, C] and its mean m [T, ...space, C]. */
export function spreadKernel(v: FloatArray, m: FloatArray, layout: EnsembleLayout): Float64Array {
  const S = layout.members;
  const n = layout.points;
  if (S < 2) return new Float64Array(layout.frames * layout.channels);
  const memberStride = layout.frames * n * layout.channels;
  const factor = (S + 1) / (S - 1);
  return perFrameChannel(layout, (o, st) => {
    let sum = 0;
    for (let s = 0; s < S; s++) {
      const os = s * memberStride + o;
      for (let p = 0; p < n; p++) {
        const d = v[os + p * st] - m[o + p * st];
        sum += d * d;
      }
    }
    return Math.sqrt((factor * sum) / (S * n));
  });
}

/** spread/skill = (spread + 1e-3)/(skill + 1e-3); 0 for S = 1 (docs/method.md §13.2). */
export function spreadSkillKernel(spread: Float64Array, skill: Float64Array, members: number): Float64Array {
  if (members < 2) return new Float64Array(spread.length);
  return spread.map((sp, i) => (sp + LOLA_SPREAD_SKILL_EPS) / (skill[i] + LOLA_SPREAD_SKILL_EPS));
}

/**
 * Ensemble spread √((S+1)/(S−1) · mean_{x,s}(v_s − v̄)²) per frame and field (docs/method.md §13.2);
 * 0 for a single member. The truth only fixes and checks the layout.
 */
export function lolaSpread({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const layout = ensembleLayout(truth, ensemble, 'lolaSpread');
  const mean = ensembleMean(ensemble).data;
  return frameResult(layout, spreadKernel(ensemble.data, mean, layout));
}

/** Skill = RMSE of the ensemble mean, √(mean_x (u − v̄)²), per frame and field (docs/method.md §13.2). */
export function lolaSkill({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const layout = ensembleLayout(truth, ensemble, 'lolaSkill');
  const mean = ensembleMean(ensemble).data;
  return frameResult(layout, mseKernel(truth.data, mean, layout).map(Math.sqrt));
}

/** (spread + 1e-3)/(skill + 1e-3) per frame and field; 0 for a single member (docs/method.md §13.2). */
export function lolaSpreadSkill({ truth, ensemble }: LolaInputs): NdArray<Float64Array> {
  const layout = ensembleLayout(truth, ensemble, 'lolaSpreadSkill');
  const mean = ensembleMean(ensemble).data;
  const spread = spreadKernel(ensemble.data, mean, layout);
  const skill = mseKernel(truth.data, mean, layout).map(Math.sqrt);
  return frameResult(layout, spreadSkillKernel(spread, skill, layout.members));
}
