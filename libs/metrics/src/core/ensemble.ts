/**
 * Ensemble layout and the ensemble mean v̄ = (1/S) Σ_s v_s (docs/method.md §13.1 notation).
 */
import { checkNdArray, fieldLayout, shapeText, type FieldLayout, type NdArray } from './ndarray.js';

/** Layout of a truth [T, ...space, C] and an ensemble [S, T, ...space, C] that match it. */
export interface EnsembleLayout extends FieldLayout {
  /** Ensemble size S. */
  readonly members: number;
}

/**
 * Validates truth u [T, ...space, C] and ensemble v [S, T, ...space, C] (same T, space and C)
 * and returns their layout. `where` names the calling function.
 */
export function ensembleLayout(truth: NdArray, ensemble: NdArray, where: string): EnsembleLayout {
  const layout = fieldLayout(truth, `${where}: truth (expected [T, ...space, C])`);
  checkNdArray(ensemble, `${where}: ensemble`);
  const t = truth.shape;
  const e = ensemble.shape;
  const ok = e.length === t.length + 1 && t.every((s, i) => s === e[i + 1]);
  if (!ok) {
    throw new Error(
      `${where}: ensemble has shape ${shapeText(e)} but truth has shape ${shapeText(t)}; ` +
        `expected the ensemble to be [S, ${t.join(', ')}] (members first, then the truth's shape)`,
    );
  }
  return { ...layout, members: e[0] };
}

/**
 * Ensemble mean v̄[t, x, c] = (1/S) Σ_s v[s, t, x, c] of an ensemble [S, ...rest], accumulated in
 * float64. Returns an NdArray of shape [...rest].
 */
export function ensembleMean(ensemble: NdArray): NdArray<Float64Array> {
  checkNdArray(ensemble, 'ensembleMean: ensemble');
  if (ensemble.shape.length < 2) throw new Error(`ensembleMean: ensemble has shape ${shapeText(ensemble.shape)}; expected [S, ...]`);
  const S = ensemble.shape[0];
  const n = ensemble.data.length / S;
  const out = new Float64Array(n);
  const v = ensemble.data;
  for (let s = 0; s < S; s++) {
    const o = s * n;
    for (let i = 0; i < n; i++) out[i] += v[o + i];
  }
  for (let i = 0; i < n; i++) out[i] /= S;
  return { data: out, shape: ensemble.shape.slice(1) };
}

/**
 * Inputs of the LoLa metrics (docs/method.md §13): named so truth and prediction cannot be swapped.
 */
export interface LolaInputs {
  /**
   * u [T, ...space, C]: the ground-truth frames (absolute setting) or the autoencoder's
   * reconstruction of them (relative setting, isolates the emulator's error).
   */
  readonly truth: NdArray;
  /** v [S, T, ...space, C]: the S predicted members (S = 1 for a deterministic method). */
  readonly ensemble: NdArray;
}
