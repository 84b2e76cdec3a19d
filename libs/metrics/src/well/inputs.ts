/**
 * Inputs of The Well's metrics (docs/well-format.md §6): a single prediction x and its target y with the
 * same channels-last shape [...lead, ...space, C]; only the spatial axes are reduced, giving
 * [...lead, C]. Default layout [T, ...space, C]; set `spatialDims` for The Well's own
 * [B, T, ...space, C] (spatialDims = rank − 3). For an ensemble, pass its mean (`ensembleMean`).
 */
import { checkSameShape, fieldLayout, type FieldLayout, type NdArray } from '../core/ndarray.js';

/** Named prediction/target pair of The Well's metrics (x = prediction, y = target). */
export interface WellInputs {
  /** x: the prediction. */
  readonly prediction: NdArray;
  /** y: the target (ground truth). */
  readonly target: NdArray;
  /** Number of spatial axes; default rank − 2 ([T, ...space, C]). */
  readonly spatialDims?: number;
}

/** Validates a WellInputs pair and returns the common layout. */
export function wellLayout(inputs: WellInputs, where: string): FieldLayout {
  const layout = fieldLayout(inputs.target, `${where}: target`, inputs.spatialDims);
  fieldLayout(inputs.prediction, `${where}: prediction`, inputs.spatialDims);
  checkSameShape(inputs.prediction, inputs.target, where, 'prediction', 'target');
  return layout;
}
