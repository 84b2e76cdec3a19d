import * as tf from '@tensorflow/tfjs';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { contextCountProbabilities, contextMaskRow, drawContext, firstStatesMask, randomContextMask } from './context-mask.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('random context mask (docs/method.md §4.2)', () => {
  it('exact P(c) of Poisson(1) mod 4 + 1 ≈ 0.383, 0.371, 0.185, 0.061 (spec, rounded)', () => {
    const p = contextCountProbabilities(5);
    // Exact: e⁻¹·(1 + 1/4! + 1/8! …) = 0.38321, 0.37095, 0.18445, 0.06139 (the spec rounds 0.18445 up).
    [0.383, 0.371, 0.185, 0.061].forEach((v, i) => expect(Math.abs(p[i]! - v)).toBeLessThan(1e-3));
    expect(p[0]).toBeCloseTo(Math.exp(-1) * (1 + 1 / 24 + 1 / 40320 + 1 / 479001600), 12);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('draw frequencies match P(c) and ρ = 0.66 over many draws', () => {
    const rng = new Rng(2024);
    const n = 100000;
    const counts = [0, 0, 0, 0];
    let forward = 0;
    for (let i = 0; i < n; i++) {
      const d = drawContext(rng, 5);
      counts[d.count - 1]!++;
      if (d.forward) forward++;
    }
    const p = contextCountProbabilities(5);
    counts.forEach((c, i) => {
      const se = Math.sqrt((p[i]! * (1 - p[i]!)) / n);
      expect(Math.abs(c / n - p[i]!)).toBeLessThan(4 * se);
    });
    expect(Math.abs(forward / n - 0.66)).toBeLessThan(4 * Math.sqrt((0.66 * 0.34) / n));
  });

  it('marks the first c states (forward) or the last c states (backward)', () => {
    expect(contextMaskRow({ count: 2, forward: true }, 5)).toEqual([1, 1, 0, 0, 0]);
    expect(contextMaskRow({ count: 3, forward: false }, 5)).toEqual([0, 0, 1, 1, 1]);
    const { mask, draws } = randomContextMask(new Rng(1), 64, 5, 5);
    expect(mask.shape).toEqual([64, 5, 1, 1, 1]);
    const rows = mask.reshape([64, 5]).arraySync() as number[][];
    rows.forEach((r, i) => {
      expect(r).toEqual(contextMaskRow(draws[i]!, 5));
      expect(r.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      expect(r.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
    });
    // Same seed → same masks.
    const again = randomContextMask(new Rng(1), 64, 5, 5);
    expect(again.mask.dataSync()).toEqual(mask.dataSync());
    tf.dispose([mask, again.mask]);
    const f = firstStatesMask(2, 5, 5);
    expect(Array.from(f.dataSync())).toEqual([1, 1, 0, 0, 0]);
    f.dispose();
    expect(() => drawContext(new Rng(1), 5, { atleast: 5 })).toThrow(/atleast/);
  });
});
