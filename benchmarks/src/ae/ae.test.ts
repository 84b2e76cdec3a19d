import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressionRate } from '@lola-ts/autoencoders';
import { describe, expect, it } from 'vitest';
import { loggedTimes } from './accuracy.js';
import { loadBenchCase } from './configs.js';
import { meanMoe, torchArgs } from './torch.js';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

describe('lola-bench ae inputs', () => {
  it('reads the three Euler configs with rates 20 / 80 / 320 on 64² × 5', () => {
    const rates = ['c64', 'c16', 'c4'].map((c) => {
      const k = loadBenchCase(join(REPO, `configs/ae-euler-${c}.yaml`), { channels: 5, resolution: 64 });
      expect(k.dcae.pixChannels).toBe(5);
      expect(k.resolution).toEqual([64, 64]);
      return compressionRate(k.dcae, [...k.resolution, 5]);
    });
    expect(rates).toEqual([20, 80, 320]);
  });

  it('passes the same architecture to the PyTorch reference', () => {
    const k = loadBenchCase(join(REPO, 'configs/ae-euler-c16.yaml'), { channels: 5, resolution: 64 });
    const a = torchArgs(k, 3, 2);
    const get = (f: string) => a[a.indexOf(f) + 1];
    expect([get('--pix'), get('--res'), get('--hid'), get('--blocks'), get('--lat'), get('--batch'), get('--threads')]).toEqual([
      '5',
      '64',
      '8,16,32,64,128',
      '1,1,1,1,1',
      '16',
      '8',
      '2',
    ]);
  });

  it('computes mean ± 1.96·s/√n and median step/epoch times from a log', () => {
    const { mean, moe } = meanMoe([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(moe).toBeCloseTo((1.96 * Math.sqrt(5 / 3)) / 2, 12);
    const dir = mkdtempSync(join(tmpdir(), 'lola-bench-ae-'));
    const recs = [
      { kind: 'train', step: 1, time: 1 },
      { kind: 'train', step: 2, time: 1.5 },
      { kind: 'valid', step: 2, time: 1.7 },
      { kind: 'train', step: 3, time: 2.2 },
      { kind: 'train', step: 4, time: 2.7 },
      { kind: 'valid', step: 4, time: 2.9 },
    ];
    writeFileSync(join(dir, 'log.jsonl'), recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const t = loggedTimes(dir, 2)!;
    expect(t.stepMs).toBeCloseTo(500, 6);
    expect(t.epochMs).toBeCloseTo(1700, 6);
    rmSync(dir, { recursive: true, force: true });
  });
});
