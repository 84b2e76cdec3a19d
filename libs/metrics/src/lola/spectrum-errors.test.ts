import { Rng, powerSpectrumNd } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import type { NdArray } from '../core/ndarray.js';
import { isotropicBinning } from '../spectrum/isotropic.js';
import { lolaSpectrumBandErrors, lolaSpectrumErrors } from './spectrum-errors.js';

const H = 32;
const W = 32;

function randomFrames(rng: Rng, lead: number[], C = 1, smooth = false): NdArray<Float32Array> {
  const n = lead.reduce((a, b) => a * b, 1) * H * W * C;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.normal();
  if (smooth) {
    // Add a large-scale signal so that every bin's power is far above ε = 1e-6.
    for (let i = 0; i < n / C; i++) {
      const p = i % (H * W);
      const y = Math.floor(p / W);
      const x = p % W;
      for (let c = 0; c < C; c++) data[i * C + c] += 5 * Math.sin((2 * Math.PI * x) / W) * Math.cos((2 * Math.PI * 3 * y) / H);
    }
  }
  return { data, shape: [...lead, H, W, C] };
}

function stack(members: NdArray[]): NdArray<Float32Array> {
  const n = members[0].data.length;
  const data = new Float32Array(members.length * n);
  members.forEach((m, s) => data.set(m.data, s * n));
  return { data, shape: [members.length, ...members[0].shape] };
}

const scale = (a: NdArray, f: number): NdArray<Float32Array> => ({ data: Float32Array.from(a.data, (v) => v * f), shape: a.shape });

describe('lolaSpectrumErrors (docs/method.md §13.4)', () => {
  const rng = new Rng('spectrum-errors');
  const truth = randomFrames(rng, [2], 2, true);

  it('a perfect ensemble has zero power and cross errors', () => {
    const e = lolaSpectrumErrors({ truth, ensemble: stack([truth, truth, truth]) });
    expect(e.powerError.shape).toEqual([2, 2, e.k.length]);
    for (const v of e.powerError.data) expect(v).toBeLessThan(1e-20);
    // se_c = (1 − (p + 1e-6)/√(p² + 1e-12))² ≈ (1e-6/p)² is the ε floor, ~1e-12 for p ~ 1.
    for (const v of e.crossError.data) expect(v).toBeLessThan(1e-10);
  });

  it('v = a·u gives se_p = (1 − a²)² and se_c = 0, so band power errors equal |1 − a²|', () => {
    const a = 2;
    const bands = lolaSpectrumBandErrors({ truth, ensemble: stack([scale(truth, a)]) });
    for (const name of ['low', 'mid', 'high'] as const) {
      expect(bands.power[name].shape).toEqual([2, 2]);
      // ε = 1e-6 against bin powers ~1 shifts the value by ~1e-5.
      for (const v of bands.power[name].data) expect(v).toBeCloseTo(3, 4);
      for (const v of bands.cross[name].data) expect(v).toBeLessThan(1e-5);
    }
  });

  it('p_v is the mean of the members’ spectra, not the spectrum of the mean: u ± w gives p_u + p_w', () => {
    const w = randomFrames(rng, [2], 2);
    const plus = { data: Float32Array.from(truth.data, (v, i) => v + w.data[i]), shape: truth.shape };
    const minus = { data: Float32Array.from(truth.data, (v, i) => v - w.data[i]), shape: truth.shape };
    const e = lolaSpectrumErrors({ truth, ensemble: stack([plus, minus]) });
    const pw = lolaSpectrumErrors({ truth: w, ensemble: stack([w]) }).truthPower.data;
    // float32 rounding of u ± w limits the agreement to ~1e-6 relative.
    for (let i = 0; i < pw.length; i++) expect(e.predictionPower.data[i]).toBeCloseTo(e.truthPower.data[i] + pw[i], 3);
  });

  it('agrees with a float64 reference written from the formulas on random inputs', () => {
    const u = randomFrames(rng, [1], 1);
    const members = [randomFrames(rng, [1], 1), randomFrames(rng, [1], 1), randomFrames(rng, [1], 1)];
    const e = lolaSpectrumErrors({ truth: u, ensemble: stack(members) });
    // Reference: full ortho spectra, per-mode |F_u|·|F_v|, bins (e_{i−1}, e_i] from the binning edges.
    const { edges, bins } = isotropicBinning([H, W]);
    const kOf = (y: number, x: number) => Math.hypot(y < H / 2 ? y / H : y / H - 1, x < W / 2 ? x / W : x / W - 1);
    const bin = (k: number) => {
      for (let i = 1; i <= bins; i++) if (k > edges[i - 1] && k <= edges[i]) return i - 1;
      return -1;
    };
    const fu = powerSpectrumNd(Float64Array.from(u.data), [H, W]);
    const fv = members.map((m) => powerSpectrumNd(Float64Array.from(m.data), [H, W]));
    const [pu, pv, cuv, count] = [0, 1, 2, 3].map(() => new Float64Array(bins));
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const b = bin(kOf(y, x));
        if (b < 0) continue;
        const i = y * W + x;
        count[b]++;
        pu[b] += fu[i];
        for (const f of fv) {
          pv[b] += f[i] / fv.length;
          cuv[b] += Math.sqrt(fu[i] * f[i]) / fv.length;
        }
      }
    }
    for (let b = 0; b < bins; b++) {
      const c = Math.max(count[b], 1);
      const [PU, PV, CUV] = [pu[b] / c, pv[b] / c, cuv[b] / c];
      expect(e.truthPower.data[b]).toBeCloseTo(PU, 10);
      expect(e.predictionPower.data[b]).toBeCloseTo(PV, 10);
      expect(e.crossSpectrum.data[b]).toBeCloseTo(CUV, 10);
      expect(e.powerError.data[b]).toBeCloseTo((1 - (PV + 1e-6) / (PU + 1e-6)) ** 2, 10);
      expect(e.crossError.data[b]).toBeCloseTo((1 - (CUV + 1e-6) / Math.sqrt(PU * PV + 1e-12)) ** 2, 10);
    }
  });

  it('errors are invariant to scaling truth and prediction together (when power ≫ ε)', () => {
    const v = stack([randomFrames(rng, [2], 2, true), randomFrames(rng, [2], 2, true)]);
    const base = lolaSpectrumBandErrors({ truth, ensemble: v });
    const scaled = lolaSpectrumBandErrors({ truth: scale(truth, 10), ensemble: scale(v, 10) });
    for (const kind of ['power', 'cross'] as const) {
      for (const name of ['low', 'mid', 'high'] as const) {
        base[kind][name].data.forEach((x, i) => expect(Math.abs(scaled[kind][name].data[i] - x) / x).toBeLessThan(1e-4));
      }
    }
  });

  it('a rolled (shifted) prediction has the same spectra: power and cross errors vanish', () => {
    // |F_u · conj F_v| discards phase, so a periodic shift is invisible to both errors.
    const rolled = new Float32Array(truth.data.length);
    const C = 2;
    for (let t = 0; t < 2; t++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++)
          for (let c = 0; c < C; c++) rolled[((t * H + y) * W + ((x + 5) % W)) * C + c] = truth.data[((t * H + y) * W + x) * C + c];
    const e = lolaSpectrumErrors({ truth, ensemble: stack([{ data: rolled, shape: truth.shape }]) });
    for (const v of e.powerError.data) expect(v).toBeLessThan(1e-9);
    for (const v of e.crossError.data) expect(v).toBeLessThan(1e-9);
  });

  it('validates shapes and grid sizes', () => {
    expect(() => lolaSpectrumErrors({ truth, ensemble: truth })).toThrow(/lolaSpectrumErrors: ensemble has shape/);
    const odd = { data: new Float32Array(12 * 16), shape: [1, 12, 16, 1] };
    expect(() => lolaSpectrumErrors({ truth: odd, ensemble: { data: odd.data, shape: [1, ...odd.shape] } })).toThrow(/not a power of two/);
  });
});
