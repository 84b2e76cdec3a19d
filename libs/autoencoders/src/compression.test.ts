import { describe, expect, it } from 'vitest';
import { compressionRate, latentShape } from './compression.js';
import { resolveDcaeConfig } from './config.js';

const cfg = (levels: number, lat: number, spatial: 2 | 3 = 2) =>
  resolveDcaeConfig({
    pixChannels: 5,
    latChannels: lat,
    hidChannels: Array.from({ length: levels }, (_, i) => 8 * (i + 1)),
    hidBlocks: Array(levels).fill(1),
    spatial,
  });

describe('compressionRate (docs/method.md §2.5)', () => {
  it('gives the paper rates for Euler 512² × 5 at f32 (80 / 320 / 1280)', () => {
    expect(compressionRate(cfg(6, 64), [512, 512, 5])).toBe(80);
    expect(compressionRate(cfg(6, 16), [512, 512, 5])).toBe(320);
    expect(compressionRate(cfg(6, 4), [512, 512, 5])).toBe(1280);
  });
  it('gives the small-scale rates for 64² inputs (f8: 5/20/80, f16: 20/80/320)', () => {
    expect([64, 16, 4].map((c) => compressionRate(cfg(4, c), [64, 64, 5]))).toEqual([5, 20, 80]);
    expect([64, 16, 4].map((c) => compressionRate(cfg(5, c), [64, 64, 5]))).toEqual([20, 80, 320]);
  });
  it('handles RB (4 × 512 × 128) and TGC (6 × 64³, f8)', () => {
    expect(compressionRate(cfg(6, 64), [512, 128, 4])).toBe(64);
    expect(compressionRate(cfg(4, 64, 3), [64, 64, 64, 6])).toBe(48);
  });
  it('returns the latent shape and rejects non-divisible sizes', () => {
    expect(latentShape(cfg(3, 16), [32, 48])).toEqual([8, 12, 16]);
    expect(() => latentShape(cfg(3, 16), [30, 32])).toThrow(/axis 0 of size 30 is not divisible by the down-sampling factor 4/);
    expect(() => latentShape(cfg(3, 16), [32, 32, 32])).toThrow(/expected 2 spatial axes/);
  });
});

describe('resolveDcaeConfig', () => {
  it('fills defaults', () => {
    const c = resolveDcaeConfig({ pixChannels: 2, latChannels: 4, hidChannels: [8, 16], hidBlocks: [1, 1] });
    expect(c).toMatchObject({ spatial: 2, dropout: 0.05, saturation: 'softclip2', attentionHeads: {} });
  });
  it('names the bad key', () => {
    const base = { pixChannels: 2, latChannels: 4, hidChannels: [8, 16], hidBlocks: [1, 1] };
    expect(() => resolveDcaeConfig({ ...base, latChanels: 4 }, 'cfg.yaml: ae')).toThrow(/cfg.yaml: ae.latChanels: unknown key/);
    expect(() => resolveDcaeConfig({ ...base, latChannels: '4' })).toThrow(/ae.latChannels: expected a positive integer, got "4"/);
    expect(() => resolveDcaeConfig({ ...base, hidBlocks: [1] })).toThrow(/ae.hidBlocks: expected 2 entries/);
    expect(() => resolveDcaeConfig({ ...base, saturation: 'clip' })).toThrow(/ae.saturation: expected one of softclip2/);
    expect(() => resolveDcaeConfig({ ...base, attentionHeads: { 1: 3 } })).toThrow(/3 heads do not divide 16 channels/);
  });
});
