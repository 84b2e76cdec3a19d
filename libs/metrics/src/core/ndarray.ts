/**
 * Array conventions of the metrics: dense row-major, channels-last float arrays.
 *
 * - a frame sequence (ground truth u, a single prediction x): shape [T, ...space, C]
 *   (T frames, ≥ 1 spatial axes, C channels = fields, vector components flattened as The Well does);
 * - an ensemble of predictions v: shape [S, T, ...space, C] (S members);
 * - per-frame results: Float64Array with shape [T, C] (frame-major, then channel).
 * Source: docs/method.md §13, docs/well-format.md §6 (channels-last [B, T, *spatial, C]).
 */
import { sizeOf } from '@lola-ts/numerics';

/** Element storage accepted as metric input. */
export type FloatArray = Float32Array | Float64Array;

/** A dense row-major array: `data.length` equals the product of `shape`. */
export interface NdArray<T extends FloatArray = FloatArray> {
  readonly data: T;
  readonly shape: readonly number[];
}

/** @deprecated import from @lola-ts/numerics */
export { sizeOf };

/** Shape as text for error messages, e.g. `[4, 64, 64, 2]`. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks that `a` is an NdArray: Float32Array/Float64Array data, positive integer sizes and
 * data.length = product(shape). `where` names the function and argument for the error.
 */
export function checkNdArray(a: NdArray, where: string): void {
  if (a === null || typeof a !== 'object') throw new Error(`${where}: expected an object {data, shape}, got ${String(a)}`);
  if (!(a.data instanceof Float32Array) && !(a.data instanceof Float64Array)) {
    throw new Error(`${where}: data must be a Float32Array or Float64Array`);
  }
  if (!Array.isArray(a.shape)) {
    throw new Error(`${where}: shape must be an array of sizes`);
  }
  a.shape.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1)
      throw new Error(`${where}: shape ${shapeText(a.shape)} has size ${s} at axis ${i}; expected positive integers`);
  });
  const n = sizeOf(a.shape);
  if (a.data.length !== n) {
    throw new Error(`${where}: data has ${a.data.length} elements but shape ${shapeText(a.shape)} needs ${n}`);
  }
}

/** Layout of a channels-last array [...lead, ...space, C]. */
export interface FieldLayout {
  /** The leading (non-spatial) axes, e.g. [T] or [B, T]. */
  readonly lead: readonly number[];
  /** Number of lead entries (frames) = product(lead). */
  readonly frames: number;
  /** The spatial axes. */
  readonly space: readonly number[];
  /** Number of spatial points N = product(space). */
  readonly points: number;
  /** Number of channels C. */
  readonly channels: number;
}

/**
 * Layout of a channels-last array whose last `spatialDims` axes before the channel axis are spatial
 * (default: all axes but the first and the last, i.e. [T, ...space, C]).
 */
export function fieldLayout(a: NdArray, where: string, spatialDims?: number): FieldLayout {
  checkNdArray(a, where);
  const rank = a.shape.length;
  const d = spatialDims ?? rank - 2;
  if (!Number.isInteger(d) || d < 1 || d > rank - 2) {
    throw new Error(
      `${where}: shape ${shapeText(a.shape)} does not fit [...lead, ...space, C] with ${d} spatial axes; ` +
        'expected at least one lead axis (frames), one spatial axis and the channel axis, e.g. [T, H, W, C]',
    );
  }
  const lead = a.shape.slice(0, rank - 1 - d);
  const space = a.shape.slice(rank - 1 - d, rank - 1);
  return { lead, frames: sizeOf(lead), space, points: sizeOf(space), channels: a.shape[rank - 1] };
}

/** A per-frame, per-channel result with shape [...lead, C]. */
export function frameResult(layout: FieldLayout, data: Float64Array): NdArray<Float64Array> {
  return { data, shape: [...layout.lead, layout.channels] };
}

/** Throws unless two shapes are equal; names both arguments. */
export function checkSameShape(a: NdArray, b: NdArray, where: string, nameA: string, nameB: string): void {
  const same = a.shape.length === b.shape.length && a.shape.every((s, i) => s === b.shape[i]);
  if (!same) {
    throw new Error(
      `${where}: ${nameA} has shape ${shapeText(a.shape)} but ${nameB} has shape ${shapeText(b.shape)}; expected equal shapes`,
    );
  }
}
