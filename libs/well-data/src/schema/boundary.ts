import { BoundaryCode, type BoundaryType } from './types.js';

/** A boundary group as needed to derive BC codes: its type, dims and mask. */
export interface BoundaryMaskInput {
  bcType: BoundaryType;
  associatedDims: readonly string[];
  /** Mask values (truthy where the boundary applies), row-major. */
  mask: ArrayLike<number | boolean>;
  /** Mask shape: `[n_traj?] + [T?] + [N_d for d in spatial_dims if d in associated_dims]`. */
  maskShape: readonly number[];
}

/**
 * The `[n_spatial_dims, 2]` BC code array of The Well's `_padding_bcs` (docs/well-format.md §2.4):
 * every side starts OPEN (1); groups are applied in the given (HDF5 key) order; for each associated
 * dim, a WALL side is set when ALL mask entries on that face are true, an OPEN/PERIODIC side when
 * ANY is. The face of dim `d` is the mask slice at index 0 (lower) or -1 (upper) of d's axis, taken
 * over every other axis (including leading sample/time axes, which The Well's slicing mishandles).
 */
export function boundaryCodes(spatialDims: readonly string[], groups: readonly BoundaryMaskInput[]): number[][] {
  const codes = spatialDims.map(() => [BoundaryCode.OPEN, BoundaryCode.OPEN] as number[]);
  for (const g of groups) {
    const assoc = spatialDims.filter((d) => g.associatedDims.includes(d));
    const lead = g.maskShape.length - assoc.length;
    const isWall = g.bcType === 'WALL';
    for (const dim of g.associatedDims) {
      const di = spatialDims.indexOf(dim);
      const axis = lead + assoc.indexOf(dim);
      const n = g.maskShape[axis]!;
      for (const [side, index] of [
        [0, 0],
        [1, n - 1],
      ] as const) {
        const face = faceValues(g.mask, g.maskShape, axis, index);
        const hit = isWall ? face.length > 0 && face.every(Boolean) : face.some(Boolean);
        if (hit) codes[di]![side] = BoundaryCode[g.bcType];
      }
    }
  }
  return codes;
}

function faceValues(mask: ArrayLike<number | boolean>, shape: readonly number[], axis: number, index: number): (number | boolean)[] {
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = shape[axis]!;
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const out: (number | boolean)[] = [];
  for (let o = 0; o < outer; o++) {
    const base = (o * n + index) * inner;
    for (let i = 0; i < inner; i++) out.push(mask[base + i]!);
  }
  return out;
}
