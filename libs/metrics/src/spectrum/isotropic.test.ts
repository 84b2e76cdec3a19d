import { Rng, fftfreq, powerSpectrumNd } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { bandValue, lolaSpectralBands } from './bands.js';
import { defaultIsotropicBins, isotropicBinning, isotropicPowerSpectra, isotropicPowerSpectrum } from './isotropic.js';

function normalField(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/**
 * Reference from docs/method.md §13.3, written directly: full ortho spectrum, |k| from fftfreq per axis,
 * B = ⌊√d·min(shape)/2⌋, edges linspace(0, max|k|, B+1), bin i ∈ 1..B holds e_{i−1} < |k| ≤ e_i.
 */
function referenceSpectrum(x: Float64Array, shape: number[]): Float64Array {
  const p = powerSpectrumNd(x, shape, { norm: 'ortho' });
  const freqs = shape.map((n) => fftfreq(n));
  const kAbs = new Float64Array(x.length);
  const idx = shape.map(() => 0);
  for (let i = 0; i < x.length; i++) {
    kAbs[i] = Math.sqrt(idx.reduce((s, j, a) => s + freqs[a][j] ** 2, 0));
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
  const kMax = Math.max(...kAbs);
  const B = Math.floor((Math.sqrt(shape.length) * Math.min(...shape)) / 2);
  const sum = new Float64Array(B);
  const count = new Float64Array(B);
  for (let i = 0; i < x.length; i++) {
    for (let b = 1; b <= B; b++) {
      const lo = ((b - 1) * kMax) / B;
      const hi = b === B ? kMax : (b * kMax) / B;
      if (kAbs[i] > lo && kAbs[i] <= hi) {
        sum[b - 1] += p[i];
        count[b - 1] += 1;
        break;
      }
    }
  }
  return sum.map((s, b) => s / Math.max(count[b], 1));
}

describe('isotropic binning (docs/method.md §13.3)', () => {
  it('uses B = ⌊√d·min(shape)/2⌋ equal bins on [0, max|k|] and drops only the DC term', () => {
    expect(defaultIsotropicBins([64, 64])).toBe(45);
    expect(defaultIsotropicBins([16])).toBe(8);
    expect(defaultIsotropicBins([128, 32])).toBe(22);
    for (const shape of [[16], [16, 16], [32, 8], [4, 8, 8]]) {
      const b = isotropicBinning(shape);
      const N = shape.reduce((a, c) => a * c, 1);
      expect(b.counts.reduce((a, c) => a + c, 0)).toBe(N - 1);
      expect(b.edges[0]).toBe(0);
      expect(b.edges[b.bins]).toBeCloseTo(Math.sqrt(shape.length * 0.25), 15);
      expect(b.k.length).toBe(b.bins);
    }
  });

  it('1-D n = 16: bins (i−1, i]/16 hold ±i/16, the Nyquist bin holds one mode', () => {
    const b = isotropicBinning([16]);
    expect(Array.from(b.counts)).toEqual([2, 2, 2, 2, 2, 2, 2, 1]);
    expect(Array.from(b.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => i / 16));
  });
});

describe('isotropicPowerSpectrum', () => {
  it('matches the reference written from the formula (1-D, 2-D half spectrum, 3-D full spectrum)', () => {
    const rng = new Rng('iso-ref');
    for (const shape of [[32], [16, 32], [32, 8], [4, 8, 16]]) {
      const x = normalField(
        rng,
        shape.reduce((a, b) => a * b, 1),
      );
      const { power } = isotropicPowerSpectrum(x, shape);
      const ref = referenceSpectrum(x, shape);
      expect(power.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++) expect(power[i]).toBeCloseTo(ref[i], 10);
    }
  });

  it('a 1-D cosine puts |F|² = n/4 in its bin (ortho: F(±k) = √n/2)', () => {
    const n = 16;
    const x = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 4 * j) / n));
    const { power } = isotropicPowerSpectrum(x, [n]);
    expect(power[3]).toBeCloseTo(4, 12);
    power.forEach((p, i) => i !== 3 && expect(p).toBeLessThan(1e-25));
  });

  it('a 2-D plane wave puts its energy Σx² (Parseval) in the bin containing |k| = 0.25', () => {
    const n = 16;
    const x = new Float64Array(n * n);
    for (let y = 0; y < n; y++) for (let j = 0; j < n; j++) x[y * n + j] = Math.cos((2 * Math.PI * 4 * j) / n);
    const b = isotropicBinning([n, n]);
    const { power } = isotropicPowerSpectrum(x, [n, n]);
    const bin = b.k.findIndex((k) => k >= 0.25); // (e_3, e_4] ∋ 0.25
    expect(bin).toBe(3);
    expect(power[bin]).toBeCloseTo(128 / b.counts[bin], 10);
  });

  it('Parseval: Σ_bins power·count + |F(0)|² = Σ x²', () => {
    const rng = new Rng('iso-parseval');
    const shape = [32, 64];
    const x = normalField(rng, 32 * 64);
    const b = isotropicBinning(shape);
    const { power } = isotropicPowerSpectrum(x, shape);
    const dc = x.reduce((a, v) => a + v, 0) ** 2 / x.length;
    const total = power.reduce((a, p, i) => a + p * b.counts[i], 0) + dc;
    const energy = x.reduce((a, v) => a + v * v, 0);
    expect(Math.abs(total - energy) / energy).toBeLessThan(1e-12);
  });

  it('white noise has a flat spectrum at its variance', () => {
    const rng = new Rng('white');
    const shape = [64, 64];
    const T = 8;
    const frames = { data: new Float32Array(T * 64 * 64), shape: [T, 64, 64, 1] };
    for (let i = 0; i < frames.data.length; i++) frames.data[i] = 2 * rng.normal(); // σ² = 4
    const { k, power } = isotropicPowerSpectra(frames);
    const b = isotropicBinning(shape);
    const B = k.length;
    const mean = new Float64Array(B);
    for (let t = 0; t < T; t++) for (let i = 0; i < B; i++) mean[i] += power.data[t * B + i] / T;
    let sum = 0;
    for (let i = 0; i < B; i++) {
      // Each mode is ≈ σ²·Exp(1); a bin average over T·count modes has relative std ≲ √2/√(T·count).
      expect(Math.abs(mean[i] - 4) / 4).toBeLessThan(5 / Math.sqrt(T * b.counts[i]));
      sum += mean[i];
    }
    expect(sum / B).toBeCloseTo(4, 1);
    // Count-weighted log-log slope ≈ 0 (a red or blue spectrum would give |slope| ≳ 1).
    let w = 0;
    let mk = 0;
    let mp = 0;
    for (let i = 0; i < B; i++) {
      w += b.counts[i];
      mk += b.counts[i] * Math.log(k[i]);
      mp += b.counts[i] * Math.log(mean[i]);
    }
    mk /= w;
    mp /= w;
    let cov = 0;
    let vk = 0;
    for (let i = 0; i < B; i++) {
      const dk = Math.log(k[i]) - mk;
      cov += b.counts[i] * dk * (Math.log(mean[i]) - mp);
      vk += b.counts[i] * dk * dk;
    }
    expect(Math.abs(cov / vk)).toBeLessThan(0.05);
  });

  it('isotropicPowerSpectra returns [T, C, B] per frame and channel', () => {
    const rng = new Rng('spectra');
    const T = 2;
    const C = 3;
    const data = new Float32Array(T * 16 * 16 * C);
    for (let i = 0; i < data.length; i++) data[i] = rng.normal();
    const { power } = isotropicPowerSpectra({ data, shape: [T, 16, 16, C] });
    const B = defaultIsotropicBins([16, 16]);
    expect(power.shape).toEqual([T, C, B]);
    const field = Float64Array.from({ length: 256 }, (_, p) => data[(1 * 256 + p) * C + 2]);
    const one = isotropicPowerSpectrum(field, [16, 16]).power;
    for (let i = 0; i < B; i++) expect(power.data[(1 * C + 2) * B + i]).toBeCloseTo(one[i], 12);
  });

  it('rejects non-power-of-two grids', () => {
    expect(() => isotropicPowerSpectrum(new Float64Array(12 * 16), [12, 16])).toThrow(/spatial size 0 = 12 is not a power of two/);
  });
});

describe('lolaSpectralBands (docs/method.md §13.4)', () => {
  it('reproduces the 512² example: ≈ [1/512, 1/80, 1/12.7, 1/2]', () => {
    const { k } = isotropicBinning([512, 512]);
    const bands = lolaSpectralBands(k);
    expect(bands.edges[0]).toBe(k[0]);
    expect(1 / bands.edges[0]).toBeCloseTo(512, -1);
    expect(1 / bands.edges[1]).toBeCloseTo(80.6, 0);
    expect(1 / bands.edges[2]).toBeCloseTo(12.7, 1);
    expect(bands.edges[3]).toBe(0.5);
    // Every bin belongs to exactly one of low/mid/high/sub; sub holds the corners k > 0.5.
    const all = [...bands.low, ...bands.mid, ...bands.high, ...bands.sub].sort((a, b) => a - b);
    expect(all).toEqual(Array.from(k, (_, i) => i));
    expect(bands.low[0]).toBe(0);
    expect(bands.sub.every((i) => k[i] > 0.5)).toBe(true);
    expect(bands.high.every((i) => k[i] >= bands.edges[2] && k[i] <= 0.5)).toBe(true);
  });

  it('band value = √(mean of se over the band)', () => {
    expect(bandValue([1, 4, 9, 16], [1, 3])).toBeCloseTo(Math.sqrt(10), 15);
    expect(bandValue([1, 4], [])).toBeNaN();
  });
});
