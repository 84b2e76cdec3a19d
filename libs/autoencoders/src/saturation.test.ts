import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { saturate } from './saturation.js';
import type { Saturation } from './config.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const zs = [-40, -5, -1.5, -0.1, 0, 0.3, 2, 5, 12, 100];
const expected: Record<Exclude<Saturation, 'rmsnorm'>, (z: number) => number> = {
  softclip2: (z) => z / Math.sqrt(1 + (z / 5) ** 2),
  softclip: (z) => z / (1 + Math.abs(z) / 5),
  tanh: (z) => 5 * Math.tanh(z / 5),
  arcsinh: (z) => Math.asinh(z),
  none: (z) => z,
};

describe('saturate (docs/method.md §2.4)', () => {
  for (const [kind, f] of Object.entries(expected)) {
    it(`${kind} matches its formula`, () => {
      const out = tf.tidy(() => saturate(tf.tensor1d(zs), kind as Saturation));
      const got = out.dataSync();
      out.dispose();
      zs.forEach((z, i) => expect(got[i]).toBeCloseTo(f(z), 5));
    });
  }
  it('softclip2 keeps |z| <= 5 (float32) and is near identity at 0', () => {
    const out = saturate(tf.tensor1d([1e6, -1e6, 1e-3, 50]), 'softclip2');
    const v = out.dataSync();
    out.dispose();
    expect(Math.abs(v[1]!)).toBeLessThanOrEqual(5);
    expect(v[3]!).toBeLessThan(5);
    expect(v[0]).toBeCloseTo(5, 3);
    expect(v[2]).toBeCloseTo(1e-3, 8);
  });
  it('rmsnorm normalises each position over the channel axis', () => {
    const out = saturate(
      tf.tensor3d([
        [
          [3, 4],
          [0.6, 0.8],
        ],
      ]),
      'rmsnorm',
    );
    const v = Array.from(out.dataSync());
    out.dispose();
    const r1 = Math.sqrt(12.5 + 1e-5);
    const r2 = Math.sqrt(0.5 + 1e-5);
    expect(v[0]).toBeCloseTo(3 / r1, 5);
    expect(v[1]).toBeCloseTo(4 / r1, 5);
    expect(v[2]).toBeCloseTo(0.6 / r2, 5);
  });
});
