import { Rng } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { wellMse } from './pointwise.js';
import { wellBinnedSpectralMse, wellSpectralBinEdges } from './spectral.js';

describe("The Well's binned spectral MSE (docs/well-format.md §6)", () => {
  it('default edges: logspace(log10(2π/max n), log10(π√d + 1e-6), 4) with the first set to 0', () => {
    const e = wellSpectralBinEdges([64, 32]);
    const a = Math.log10((2 * Math.PI) / 64);
    const b = Math.log10(Math.PI * Math.sqrt(2) + 1e-6);
    expect(e[0]).toBe(0);
    expect(e[1]).toBeCloseTo(10 ** (a + (b - a) / 3), 14);
    expect(e[2]).toBeCloseTo(10 ** (a + (2 * (b - a)) / 3), 14);
    expect(e[3]).toBeCloseTo(Math.PI * Math.sqrt(2) + 1e-6, 12);
  });

  it('bins sum to the MSE (Parseval), per lead index and channel, in 1-D, 2-D and 3-D', () => {
    const rng = new Rng('binned');
    for (const space of [[64], [16, 32], [8, 8, 4]]) {
      const shape = [2, ...space, 3];
      const n = shape.reduce((a, b) => a * b, 1);
      const x = new Float32Array(n);
      const y = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = rng.normal();
        y[i] = rng.normal();
      }
      const inputs = { prediction: { data: x, shape }, target: { data: y, shape } };
      const r = wellBinnedSpectralMse(inputs);
      expect(r.mse.shape).toEqual([2, 3, 3]);
      const mse = wellMse(inputs).data;
      for (let i = 0; i < 6; i++) {
        const sum = r.mse.data[3 * i] + r.mse.data[3 * i + 1] + r.mse.data[3 * i + 2];
        expect(Math.abs(sum - mse[i]) / mse[i]).toBeLessThan(1e-12);
      }
      // nmse_bin = mse_bin / (Σ_bin |FFT y|²/N² + 1e-7), and Σ_bin |FFT y|²/N² is y's own binned MSE against 0.
      const yPower = wellBinnedSpectralMse({ prediction: { data: y, shape }, target: { data: new Float32Array(n), shape } }).mse.data;
      r.nmse.data.forEach((v, i) => expect(v).toBeCloseTo(r.mse.data[i] / (yPower[i] + 1e-7), 12));
    }
  });

  it('a plane-wave error lands in the bin holding its wavenumber; NMSE divides by the target power there', () => {
    const n = 32;
    const shape = [1, n, n, 1];
    const y = new Float32Array(n * n);
    const x = new Float32Array(n * n);
    // Target: a low-frequency wave (k = 2π·1/32 ≈ 0.196, bin 0 since e_1 ≈ 0.45 for 32²);
    // error: a high-frequency wave (k = 2π·12/32 ≈ 2.36, bin 2 since e_2 ≈ 1.25).
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        y[r * n + c] = Math.sin((2 * Math.PI * c) / n);
        x[r * n + c] = y[r * n + c] + 0.5 * Math.cos((2 * Math.PI * 12 * r) / n);
      }
    }
    const edges = wellSpectralBinEdges([n, n]);
    expect((2 * Math.PI) / n).toBeLessThan(edges[1]);
    expect((2 * Math.PI * 12) / n).toBeGreaterThanOrEqual(edges[2]);
    const r = wellBinnedSpectralMse({ prediction: { data: x, shape }, target: { data: y, shape } });
    expect(r.mse.data[0]).toBeLessThan(1e-14);
    expect(r.mse.data[1]).toBeLessThan(1e-14);
    expect(r.mse.data[2]).toBeCloseTo(0.125, 6); // mean of (0.5 cos)² = 0.125
    // Target power lives in bin 0 only: NMSE_2 = 0.125 / (0 + 1e-7) is huge, NMSE_0 = 0/(0.5 + ε).
    expect(r.nmse.data[0]).toBeLessThan(1e-13);
    expect(r.nmse.data[2]).toBeGreaterThan(1e5);
  });

  it('rejects shape mismatches and non-power-of-two grids', () => {
    const a = { data: new Float32Array(24 * 16), shape: [1, 24, 16, 1] };
    expect(() => wellBinnedSpectralMse({ prediction: a, target: a })).toThrow(/not a power of two/);
    const b = { data: new Float32Array(16 * 16), shape: [1, 16, 16, 1] };
    const c = { data: new Float32Array(16 * 16), shape: [1, 256, 1] };
    expect(() => wellBinnedSpectralMse({ prediction: b, target: c })).toThrow(
      /prediction has shape \[1, 16, 16, 1\] but target has shape \[1, 256, 1\]/,
    );
  });
});
