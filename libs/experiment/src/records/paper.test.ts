import { describe, expect, it } from 'vitest';
import { paperBinsOf, paperMethodOf, paperRowFor } from './paper.js';

const EULER = 'euler_multi_quadrants_periodicBC';

describe('pairing our rates with the paper', () => {
  it('pairs by rank within a method: lowest with lowest, highest with highest', () => {
    const ours = [20, 80, 320];
    expect(ours.map((r) => paperRowFor(EULER, 'dm', r, ours)?.compressionRate)).toEqual([80, 320, 1280]);
    expect([5, 20].map((r) => paperRowFor(EULER, 'ae', r, [5, 20])?.compressionRate)).toEqual([80, 1280]);
    expect(paperRowFor(EULER, 'ns', 20, [20])?.compressionRate).toBe(80);
    expect(paperRowFor(EULER, 'dm', 80, ours)?.vrmse).toEqual([0.07, 0.192, 0.371]);
  });

  it("maps pixel NS to the paper's pixel NS and has nothing for baselines or unknown datasets", () => {
    expect(paperMethodOf('pixel-ns', 1)).toEqual({ method: 'ns', pixel: true });
    expect(paperRowFor(EULER, 'ns', 1, [1, 20])?.compressionRate).toBe(1);
    expect(paperRowFor(EULER, 'pixel-ns', 1, [1])?.vrmse[0]).toBe(0.138);
    expect(paperRowFor(EULER, 'persistence', 1, [1])).toBeUndefined();
    expect(paperRowFor(EULER, 'ae', 1, [1])).toBeUndefined();
    expect(paperRowFor('gray_scott', 'dm', 20, [20])).toBeUndefined();
    expect(paperRowFor(undefined, 'dm', 20, [20])).toBeUndefined();
    expect(paperBinsOf(EULER)?.[2]).toEqual([61, 100]);
    expect(paperBinsOf('gray_scott')).toBeUndefined();
  });
});
