import { describe, expect, it } from 'vitest';
import { BatchOrder, passPermutation, streamRng } from './seeds.js';

describe('(seed, step)-derived randomness', () => {
  it('streams depend only on (seed, name, index)', () => {
    expect(streamRng(1, 'data', 5).uniform()).toBe(streamRng(1, 'data', 5).uniform());
    expect(streamRng(1, 'data', 5).uniform()).not.toBe(streamRng(1, 'data', 6).uniform());
    expect(streamRng(1, 'data', 5).uniform()).not.toBe(streamRng(1, 'model', 5).uniform());
    expect(streamRng(1, 'data', 5).uniform()).not.toBe(streamRng(2, 'data', 5).uniform());
  });

  it('batches walk through permutations and are reproducible from the step alone', () => {
    const order = new BatchOrder(7, 10, 4);
    const seen = Array.from({ length: 5 }, (_, s) => order.indices(s)).flat(); // 20 samples = 2 passes
    expect([...seen.slice(0, 10)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...seen.slice(10, 20)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.slice(0, 10)).not.toEqual(seen.slice(10, 20));
    expect(new BatchOrder(7, 10, 4).indices(3)).toEqual(order.indices(3));
    expect(Array.from(passPermutation(7, 1, 10))).toEqual(seen.slice(10, 20));
    expect(() => new BatchOrder(7, 0, 4)).toThrow(/datasetSize/);
  });
});
