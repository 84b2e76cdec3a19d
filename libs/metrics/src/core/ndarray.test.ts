import { describe, expect, it } from 'vitest';
import { ensembleLayout, ensembleMean } from './ensemble.js';
import { checkNdArray, fieldLayout } from './ndarray.js';

describe('array conventions', () => {
  it('fieldLayout splits [...lead, ...space, C]; default lead = first axis', () => {
    const a = { data: new Float32Array(2 * 3 * 4 * 5 * 2), shape: [2, 3, 4, 5, 2] };
    expect(fieldLayout(a, 'f')).toEqual({ lead: [2], frames: 2, space: [3, 4, 5], points: 60, channels: 2 });
    expect(fieldLayout(a, 'f', 2)).toEqual({ lead: [2, 3], frames: 6, space: [4, 5], points: 20, channels: 2 });
    expect(() => fieldLayout(a, 'f', 4)).toThrow(/f: shape \[2, 3, 4, 5, 2\] does not fit \[...lead, ...space, C\] with 4 spatial axes/);
  });

  it('checkNdArray rejects bad sizes and lengths', () => {
    expect(() => checkNdArray({ data: new Float32Array(4), shape: [2, 0, 2] }, 'g: x')).toThrow(
      /g: x: shape \[2, 0, 2\] has size 0 at axis 1/,
    );
    expect(() => checkNdArray({ data: new Float32Array(4), shape: [2, 3] }, 'g: x')).toThrow(
      /data has 4 elements but shape \[2, 3\] needs 6/,
    );
  });

  it('ensembleMean averages over the first axis in float64', () => {
    const m = ensembleMean({ data: Float32Array.from([1, 2, 3, 4, 3, 6, 9, 12]), shape: [2, 1, 4, 1] });
    expect(m.shape).toEqual([1, 4, 1]);
    expect(Array.from(m.data)).toEqual([2, 4, 6, 8]);
  });

  it('ensembleLayout requires [S, ...truth.shape]', () => {
    const truth = { data: new Float32Array(8), shape: [2, 4, 1] };
    expect(ensembleLayout(truth, { data: new Float32Array(24), shape: [3, 2, 4, 1] }, 'h').members).toBe(3);
    expect(() => ensembleLayout(truth, { data: new Float32Array(24), shape: [3, 2, 4, 1, 1] }, 'h')).toThrow(
      /needs 24|expected the ensemble to be \[S, 2, 4, 1\]/,
    );
  });
});
