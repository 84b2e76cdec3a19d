import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { edmCoefficients, edmCoefficientTensors, edmLossWeight } from './precondition.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('EDM preconditioning, σ_data = 1 (docs/method.md §6.2)', () => {
  it('has the tabulated values', () => {
    const c1 = edmCoefficients(1);
    expect(c1.cIn).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(c1.cOut).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(c1.cSkip).toBeCloseTo(0.5, 15);
    expect(c1.cNoise).toBe(0);
    expect(c1.variance).toBeCloseTo(0.5, 15);
    const c = edmCoefficients(1000);
    expect(c.cIn).toBeCloseTo(1 / Math.sqrt(1 + 1e6), 15);
    expect(c.cOut).toBeCloseTo(1000 / Math.sqrt(1 + 1e6), 15);
    expect(c.cSkip).toBeCloseTo(1 / (1 + 1e6), 18);
    expect(c.cNoise).toBeCloseTo(10 * Math.log(1000), 12); // 69.0776
    expect(c.cNoise).toBeCloseTo(69.0776, 4);
    const small = edmCoefficients(1e-3);
    expect(small.cNoise).toBeCloseTo(-69.0776, 4);
    expect(small.cSkip).toBeCloseTo(1 / (1 + 1e-6), 15);
  });

  it('satisfies c_skip + c_out²·... identities: c_skip² + c_out²·... and λ·c_out² = 1', () => {
    for (const s of [1e-3, 0.1, 0.7, 3, 1e3]) {
      const c = edmCoefficients(s);
      expect(edmLossWeight(s) * c.cOut * c.cOut).toBeCloseTo(1, 12);
      expect(c.cIn * c.cIn * (1 + s * s)).toBeCloseTo(1, 12); // unit-variance network input
      // D = c_skip x_t + c_out F is optimal for F = (x − c_skip x_t)/c_out, whose variance is 1.
      expect((c.cSkip * c.cSkip * s * s + (1 - c.cSkip) ** 2) / (c.cOut * c.cOut)).toBeCloseTo(1, 10);
    }
    expect(() => edmCoefficients(0)).toThrow(/sigma/);
  });

  it('the tensor version broadcasts per sample and matches the float64 one', () => {
    const sigmas = [0.01, 1, 50];
    const t = edmCoefficientTensors(tf.tensor1d(sigmas), 5);
    expect(t.cIn.shape).toEqual([3, 1, 1, 1, 1]);
    expect(t.cNoise.shape).toEqual([3]);
    const got = {
      cIn: t.cIn.dataSync(),
      cOut: t.cOut.dataSync(),
      cSkip: t.cSkip.dataSync(),
      cNoise: t.cNoise.dataSync(),
      v: t.variance.dataSync(),
    };
    sigmas.forEach((s, i) => {
      const c = edmCoefficients(s);
      expect(got.cIn[i]).toBeCloseTo(c.cIn, 6);
      expect(got.cOut[i]).toBeCloseTo(c.cOut, 6);
      expect(got.cSkip[i]).toBeCloseTo(c.cSkip, 6);
      expect(got.cNoise[i]).toBeCloseTo(c.cNoise, 4);
      expect(got.v[i]).toBeCloseTo(c.variance, 6);
    });
    tf.dispose(Object.values(t));
  });
});
