import { describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { applyAugmentation, drawAugmentation, type TrajectoryPiece } from './augment.js';

/** A 2 x 3 grid (x, y), one time step, channels [s, v_x, v_y, D_xx, D_xy, D_yx, D_yy]. */
function piece(res = [2, 3]): TrajectoryPiece {
  const P = res[0]! * res[1]!;
  const C = 7;
  const data = new Float32Array(P * C);
  for (let p = 0; p < P; p++) for (let c = 0; c < C; c++) data[p * C + c] = 10 * p + c; // value encodes (point, channel)
  const grid = new Float64Array(P * 2);
  for (let i = 0; i < res[0]!; i++) for (let j = 0; j < res[1]!; j++) grid.set([i, j * 0.5], (i * res[1]! + j) * 2);
  return {
    gridType: 'cartesian',
    resolution: res,
    variableFields: data,
    nTime: 1,
    variableLayout: [
      { order: 0, channels: 1 },
      { order: 1, channels: 2 },
      { order: 2, channels: 4 },
    ],
    constantFields: new Float32Array(0),
    constantLayout: [],
    boundaryConditions: [
      [0, 1],
      [2, 2],
    ],
    spaceGrid: grid,
    constantScalars: { Rayleigh: 1e6, T0: 100, gamma: 1.4 },
  };
}
const at = (x: Float32Array, p: number, c: number) => x[p * 7 + c];

describe('augmentations', () => {
  it('flip of x: reverses x, negates odd-x components, swaps the x BC pair', () => {
    const out = applyAugmentation(piece(), { flip: [true, false] });
    // output point (0, j) comes from input (1, j): p_in = 3 + j
    for (let j = 0; j < 3; j++) {
      const src = 3 + j;
      expect(at(out.variableFields, j, 0)).toBe(10 * src); // scalar
      expect(at(out.variableFields, j, 1)).toBe(-(10 * src + 1)); // v_x
      expect(at(out.variableFields, j, 2)).toBe(10 * src + 2); // v_y
      expect([3, 4, 5, 6].map((c) => at(out.variableFields, j, c))).toEqual([10 * src + 3, -(10 * src + 4), -(10 * src + 5), 10 * src + 6]);
    }
    expect(out.boundaryConditions).toEqual([
      [1, 0],
      [2, 2],
    ]);
    expect(Array.from(out.spaceGrid!.subarray(0, 2))).toEqual([1, 0]); // grid values move, not negated
  });

  it('permutation on a square domain swaps axes, vector components and tensor indices', () => {
    const p = piece([2, 2]);
    const out = applyAugmentation(p, { permutation: [1, 0] });
    // output (i, j) = input (j, i); point (0, 1) <- input point (1, 0) = 2
    expect(at(out.variableFields, 1, 0)).toBe(20);
    expect(at(out.variableFields, 1, 1)).toBe(22); // new v_x = old v_y
    expect(at(out.variableFields, 1, 2)).toBe(21);
    expect([3, 4, 5, 6].map((c) => at(out.variableFields, 1, c))).toEqual([26, 25, 24, 23]); // D_xx<-D_yy, D_xy<-D_yx
    expect(out.boundaryConditions).toEqual([
      [2, 2],
      [0, 1],
    ]);
    expect(() => drawAugmentation(['random_axis_permute'], new Rng(0), piece([2, 3]))).toThrow('square domain');
  });

  it('flip then permutation: the sign follows the flipped source component', () => {
    const out = applyAugmentation(piece([2, 2]), { flip: [true, false], permutation: [1, 0] });
    // new v_y = old v_x after flipping x -> negative; new v_x = old v_y -> positive
    // output (0,0) <- permuted (0,0) <- flipped (0,0) <- input (1,0) = point 2
    expect(at(out.variableFields, 0, 1)).toBe(22);
    expect(at(out.variableFields, 0, 2)).toBe(-21);
  });

  it('roll acts only on periodic axes, as torch.roll', () => {
    const p = piece();
    const draw = drawAugmentation(['random_axis_roll'], new Rng(3), p);
    expect(draw.roll![0]).toBe(0); // x is WALL/OPEN
    const out = applyAugmentation(p, { roll: [0, 1] });
    // out[i, j] = in[i, j - 1 mod 3]
    expect(at(out.variableFields, 0, 0)).toBe(20); // (0,0) <- (0,2)
    expect(at(out.variableFields, 4, 1)).toBe(31); // (1,1) <- (1,0) = point 3
    expect(out.boundaryConditions).toEqual(p.boundaryConditions);
  });

  it('draws are seeded, non-cartesian grids are left alone, LogScalars keeps the T0 bug', () => {
    const p = piece([3, 3]);
    const names = ['random_axis_flip', 'random_axis_permute', 'random_axis_roll', 'log_scalars'] as const;
    expect(drawAugmentation(names, new Rng(5), p)).toEqual(drawAugmentation(names, new Rng(5), p));
    const draws = new Set(Array.from({ length: 40 }, (_, s) => JSON.stringify(drawAugmentation(['random_axis_flip'], new Rng(s), p))));
    expect(draws.size).toBe(4);
    expect(drawAugmentation(names, new Rng(5), { ...p, gridType: 'equiangular' })).toEqual({ logScalars: true });
    const out = applyAugmentation(p, { logScalars: true });
    expect(out.constantScalars).toEqual({ Rayleigh: Math.log(1e6), T0: 100, gamma: 1.4 });
  });

  it('an augmentation is an exact involution for flips (applied twice = identity)', () => {
    const p = piece([3, 3]);
    const d = { flip: [true, true], permutation: [0, 1] };
    const twice = applyAugmentation(applyAugmentation(p, d), d);
    expect(Array.from(twice.variableFields)).toEqual(Array.from(p.variableFields));
  });
});
