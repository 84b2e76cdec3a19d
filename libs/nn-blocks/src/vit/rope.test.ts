import * as tf from '@tensorflow/tfjs';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenCoordinates } from './coords.js';
import { applyRope, initRopeTheta, ropeAngles, ropeTables } from './rope.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('token coordinates', () => {
  it('are row-major integer coordinates', () => {
    const c = tokenCoordinates([2, 1, 3]);
    expect(c.arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 2],
      [1, 0, 0],
      [1, 0, 1],
      [1, 0, 2],
    ]);
    c.dispose();
    expect(() => tokenCoordinates([2, 0])).toThrow(/positive integers/);
  });
});

describe('learned mixed-axis RoPE (docs/method.md §8.3)', () => {
  it('θ init: amplitude in [1e-2, 1] times a unit direction across the N axes', () => {
    const theta = initRopeTheta(new Rng(2), 3, 64);
    expect(theta.shape).toEqual([3, 32]);
    const t = theta.arraySync() as number[][];
    for (let i = 0; i < 32; i++) {
      const amp = Math.hypot(t[0]![i]!, t[1]![i]!, t[2]![i]!);
      expect(amp).toBeGreaterThanOrEqual(1e-2 * (1 - 1e-6));
      expect(amp).toBeLessThanOrEqual(1 + 1e-6);
    }
    // log10 of the amplitude is −2·U(0,1): mean ≈ −1.
    const logs = Array.from({ length: 32 }, (_, i) => Math.log10(Math.hypot(t[0]![i]!, t[1]![i]!, t[2]![i]!)));
    expect(Math.abs(logs.reduce((s, v) => s + v, 0) / 32 + 1)).toBeLessThan(0.35);
    theta.dispose();
  });

  it('rotates pairs (2j, 2j+1): norm-preserving, and the exact complex rotation', () => {
    const rng = new Rng(5);
    const d = 16; // e.g. 2 heads of 8: pairs 0..3 belong to head 0, 4..7 to head 1
    const theta = initRopeTheta(rng, 2, d);
    const coords = tokenCoordinates([3, 4]);
    const angles = ropeAngles(theta, coords); // [12, 8]
    const tables = ropeTables(angles);
    const x = tf.randomNormal([2, 12, d], 0, 1, 'float32', 1);
    const y = applyRope(x, tables);
    // Norm of every pair preserved (hence of every head and token).
    const pairNorm = (t: tf.Tensor) => tf.norm(tf.reshape(t, [2, 12, d / 2, 2]), 'euclidean', -1).dataSync();
    const xn = pairNorm(x);
    const yn = pairNorm(y);
    xn.forEach((v, i) => expect(yn[i]).toBeCloseTo(v, 5));
    // Reference: token l, pair j (channels 2j, 2j+1) uses angle[l, j] = Σ_a coo[l, a]·θ[a, j].
    const xa = x.arraySync() as number[][][];
    const ya = y.arraySync() as number[][][];
    const th = theta.arraySync() as number[][];
    const co = coords.arraySync() as number[][];
    for (const [bb, l, j] of [
      [0, 0, 0],
      [1, 7, 3],
      [0, 11, 4],
      [1, 5, 7],
    ] as const) {
      const phi = co[l]![0]! * th[0]![j]! + co[l]![1]! * th[1]![j]!;
      const re = xa[bb]![l]![2 * j]!;
      const im = xa[bb]![l]![2 * j + 1]!;
      expect(ya[bb]![l]![2 * j]).toBeCloseTo(re * Math.cos(phi) - im * Math.sin(phi), 5);
      expect(ya[bb]![l]![2 * j + 1]).toBeCloseTo(re * Math.sin(phi) + im * Math.cos(phi), 5);
    }
    tf.dispose([theta, coords, angles, tables.cos, tables.sin, x, y]);
  });

  it('is relative: q·k scores depend only on coordinate differences', () => {
    const rng = new Rng(8);
    const d = 16;
    const theta = initRopeTheta(rng, 3, d);
    // The same q and k vectors placed at every token of a 2×3×3 grid.
    const coords = tokenCoordinates([2, 3, 3]);
    const n = coords.shape[0];
    const tables = ropeTables(ropeAngles(theta, coords));
    const qv = tf.randomNormal([1, 1, d], 0, 1, 'float32', 2);
    const kv = tf.randomNormal([1, 1, d], 0, 1, 'float32', 3);
    const q = applyRope(tf.tile(qv, [1, n, 1]), tables);
    const k = applyRope(tf.tile(kv, [1, n, 1]), tables);
    const s = tf.matMul(q.reshape([n, d]), k.reshape([n, d]), false, true).arraySync() as number[][];
    const c = coords.arraySync() as number[][];
    const byDelta = new Map<string, number>();
    let compared = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const key = c[i]!.map((v, a) => v - c[j]![a]!).join(',');
        const prev = byDelta.get(key);
        if (prev === undefined) byDelta.set(key, s[i]![j]!);
        else {
          expect(s[i]![j]).toBeCloseTo(prev, 4);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    // ...and they do depend on the difference (RoPE is not the identity).
    expect(Math.abs(byDelta.get('0,0,0')! - byDelta.get('1,2,2')!)).toBeGreaterThan(1e-3);
    tf.dispose([theta, coords, tables.cos, tables.sin, qv, kv, q, k]);
  });
});
