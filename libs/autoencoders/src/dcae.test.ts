import * as tf from '@tensorflow/tfjs-core';
import { countParams, disposeParams, paramNames } from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/numerics';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressionRate } from './compression.js';
import { resolveDcaeConfig, type DcaeConfig } from './config.js';
import { initDcae } from './dcae.js';
import { decode, encode, reconstruct } from './forward.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const make = (c: Partial<DcaeConfig>) =>
  resolveDcaeConfig({ pixChannels: 3, latChannels: 4, hidChannels: [4, 8], hidBlocks: [1, 1], dropout: 0, ...c });

describe('DCAE shapes and compression (docs/method.md §2.2, §2.5)', () => {
  const cases: [string, Partial<DcaeConfig>, number[], number[]][] = [
    ['2-D f2 c4', {}, [2, 8, 12, 3], [2, 4, 6, 4]],
    [
      '2-D f4 c2, 2 blocks, attention at level 2',
      { hidChannels: [4, 8, 8], hidBlocks: [1, 2, 1], latChannels: 2, attentionHeads: { 2: 2 } },
      [1, 16, 8, 3],
      [1, 4, 2, 2],
    ],
    [
      '2-D f8 c8, level without blocks',
      { hidChannels: [4, 4, 8, 8], hidBlocks: [0, 1, 1, 1], latChannels: 8, pixChannels: 5 },
      [1, 16, 16, 5],
      [1, 2, 2, 8],
    ],
    ['3-D f2 c4 (conv3d)', { spatial: 3 }, [1, 4, 4, 6, 3], [1, 2, 2, 3, 4]],
  ];
  for (const [name, cfg, xShape, zShape] of cases) {
    it(name, () => {
      const ae = initDcae(make(cfg), new Rng(1));
      const before = tf.memory().numTensors;
      const x = tf.randomNormal(xShape, 0, 1, 'float32', 3);
      const z = encode(ae, x);
      const y = decode(ae, z);
      expect(z.shape).toEqual(zShape);
      expect(y.shape).toEqual(xShape);
      const zMax = tf.tidy(() => z.abs().max());
      expect(zMax.dataSync()[0]).toBeLessThan(5); // softclip2
      expect(compressionRate(ae.config, xShape.slice(1))).toBe(x.size / z.size);
      tf.dispose([x, z, y, zMax]);
      expect(tf.memory().numTensors).toBe(before);
      disposeParams(ae);
    });
  }

  it('has the expected parameter names and count', () => {
    const ae = initDcae(make({}), new Rng(0));
    const names = paramNames(ae);
    expect(names.slice(0, 3)).toEqual(['encoder.in.weight', 'encoder.in.bias', 'encoder.levels.0.blocks.0.conv1.weight']);
    expect(names).toContain('encoder.levels.1.down.conv.weight');
    expect(names).toContain('decoder.levels.1.up.conv.weight');
    expect(names.at(-1)).toBe('decoder.out.bias');
    // conv(k, in, out) = k²·in·out + out; ResBlock(C) = 2·conv(3, C, C)
    const cv = (i: number, o: number) => 9 * i * o + o;
    const expected =
      cv(3, 4) + 2 * cv(4, 4) + cv(16, 8) + 2 * cv(8, 8) + cv(8, 4) + cv(4, 8) + 2 * cv(8, 8) + cv(8, 16) + 2 * cv(4, 4) + cv(4, 3);
    expect(countParams(ae)).toBe(expected);
    disposeParams(ae);
  });

  it('initialises the latent convs and resampling convs as pseudo-identities', () => {
    const ae = initDcae(make({ latChannels: 8 }), new Rng(0));
    const w = ae.encoder.out.weight.arraySync() as number[][][][]; // [3,3,8,8]
    for (let o = 0; o < 8; o++) {
      expect(w[1]![1]![o]![o]).toBeGreaterThan(0.98);
      expect(Math.abs(w[0]![0]![o]![o]!)).toBeLessThan(0.01);
    }
    const up = ae.decoder.levels[1]!.up!.conv.weight.arraySync() as number[][][][]; // [3,3,8,16]
    for (let o = 0; o < 16; o++) expect(up[1]![1]![o % 8]![o]).toBeGreaterThan(0.98);
    // ResBlock last conv scaled by 1e-2 (bound 1e-2/√(9·4))
    const c2 = tf.tidy(() => ae.encoder.levels[0]!.blocks[0]!.conv2.weight.abs().max());
    expect(c2.dataSync()[0]).toBeLessThanOrEqual(1e-2 / 6 + 1e-9);
    c2.dispose();
    disposeParams(ae);
  });

  it('is deterministic for a seed; decode ignores dropout unless training', () => {
    const a = initDcae(make({ dropout: 0.5 }), new Rng(7));
    const b = initDcae(make({ dropout: 0.5 }), new Rng(7));
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1);
    const [ya, yb, yb2] = [reconstruct(a, x), reconstruct(b, x), reconstruct(b, x)];
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    expect(Array.from(yb2.dataSync())).toEqual(Array.from(yb.dataSync()));
    const t1 = reconstruct(a, x, { training: true, rng: new Rng(3) });
    const t2 = reconstruct(a, x, { training: true, rng: new Rng(3) });
    const t3 = reconstruct(a, x, { training: true, rng: new Rng(4) });
    expect(Array.from(t1.dataSync())).toEqual(Array.from(t2.dataSync()));
    expect(Array.from(t1.dataSync())).not.toEqual(Array.from(t3.dataSync()));
    tf.dispose([x, ya, yb, yb2, t1, t2, t3]);
    disposeParams(a);
    disposeParams(b);
  });

  it('rejects inputs of the wrong shape with a clear message', () => {
    const ae = initDcae(make({}), new Rng(0));
    const bad = tf.zeros([1, 8, 8, 2]);
    const odd = tf.zeros([1, 7, 8, 3]);
    expect(() => encode(ae, bad)).toThrow(/encode: expected 3 channels \(last axis\), got 2/);
    expect(() => encode(ae, odd)).toThrow(/spatial axis 0 has size 7, not divisible by the down-sampling factor 2/);
    expect(() => decode(ae, bad)).toThrow(/decode: expected 4 channels/);
    tf.dispose([bad, odd]);
    disposeParams(ae);
  });
});
