import { describe, expect, it } from 'vitest';
import { FIELD_TRANSFORMS, fieldPostprocess, fieldPreprocess } from './field-transforms.js';
import { RMSNormalization, ZScoreNormalization } from './normalization.js';

describe('LoLa field transforms', () => {
  it('each transform has its exact inverse', () => {
    for (const [name, [f, g]] of Object.entries(FIELD_TRANSFORMS)) {
      for (const x of [0.001, 0.5, 1, 3.7, 250]) expect(Math.abs(g(f(x)) - x) / x, name).toBeLessThan(1e-14);
    }
    expect(FIELD_TRANSFORMS.log_eps[0](0)).toBeCloseTo(Math.log(1e-6), 12);
  });

  it('preprocess = (T(x) - mean) / std per channel; postprocess inverts it', () => {
    const x = Float32Array.from([1, 2, -3, 0.5, 4, 5]); // 2 points x 3 channels
    const p = { transform: { 0: 'log1p' as const, 1: 'log_eps' as const }, mean: [1.2, 0.6, 0], std: [0.51, 0.27, 0.53] };
    const y = fieldPreprocess(x, 3, p);
    expect(y[0]).toBeCloseTo((Math.log1p(1) - 1.2) / 0.51, 6);
    expect(y[1]).toBeCloseTo((Math.log(2 + 1e-6) - 0.6) / 0.27, 6);
    expect(y[2]).toBeCloseTo(-3 / 0.53, 6);
    const back = fieldPostprocess(y, 3, p);
    for (let i = 0; i < x.length; i++) expect(Math.abs(back[i]! - x[i]!)).toBeLessThan(2e-6 * Math.max(1, Math.abs(x[i]!)));
    expect(() => fieldPreprocess(x, 3, { mean: [0, 0] })).toThrow('mean has 2 values for 3 channels');
  });
});

describe('The Well normalisation', () => {
  const stats = {
    mean: { density: 2, velocity: [0.5, -0.5], obstacle: 1 },
    std: { density: 4, velocity: [1e-6, 2], obstacle: 3 },
    rms: { density: 5, velocity: [1, 3], obstacle: 2 },
    mean_delta: { density: 0.1, velocity: [0, 0] },
    std_delta: { density: 0.2 },
    rms_delta: { density: 0.3, velocity: [0.4, 0.5] },
  };
  it('z-score clips std at 1e-4, concatenates fields in channel order, falls back for missing std_delta', () => {
    const z = new ZScoreNormalization(stats, ['density', 'velocity'], ['obstacle']);
    expect(z.channels).toEqual({ variable: 3, constant: 1 });
    const x = Float32Array.from([6, 0.5001, 4]);
    const y = z.normalizeFlattened(x, 'variable');
    expect(y[0]).toBe(1);
    expect(y[1]).toBeCloseTo(0.0001 / 1e-4, 3);
    expect(y[2]).toBe(2.25);
    expect(Array.from(z.denormalizeFlattened(y, 'variable'))).toEqual(Array.from(x));
    expect(z.deltaNormalizeFlattened(Float32Array.from([0.3, 1e-4, 1e-4]), 'variable')[2]).toBeCloseTo(1, 5); // std_delta of velocity missing -> 1e-4
    expect(z.normalizeFlattened(Float32Array.from([7]), 'constant')[0]).toBe(2);
    expect(z.deltaNormalizeFlattened(Float32Array.from([1e-4 * 3]), 'constant')[0]).toBeCloseTo(2, 5); // (x - 1e-4) / 1e-4
    expect(() => new ZScoreNormalization(stats, ['pressure'], [], 1e-4, 'd/stats.yaml')).toThrow(
      "d/stats.yaml: mean.pressure: expected the 'mean' statistic of field 'pressure', got missing",
    );
  });
  it('RMS divides by clipped rms without shifting', () => {
    const r = new RMSNormalization(stats, ['density', 'velocity'], ['obstacle']);
    expect(Array.from(r.normalizeFlattened(Float32Array.from([5, 2, 3]), 'variable'))).toEqual([1, 2, 1]);
    expect(
      Array.from(r.deltaNormalizeFlattened(Float32Array.from([0.3, 0.4, 0.5]), 'variable')).map((v) => Math.round(v * 1e6) / 1e6),
    ).toEqual([1, 1, 1]);
    expect(() => r.normalizeFlattened(Float32Array.from([1, 2]), 'variable')).toThrow('channel mismatch');
  });
});
