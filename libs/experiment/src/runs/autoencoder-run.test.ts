import '@tensorflow/tfjs-backend-cpu';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { disposeParams, saveWeights, writeConfig } from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/numerics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode, initDcae, resolveDcaeConfig, runCompressionRate, type AutoencoderRunData } from '@lola-ts/autoencoders';
import { loadAutoencoderRun } from './autoencoder-run.js';
import { readRunManifest } from './manifest.js';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(join(tmpdir(), 'lola-aerun-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// a run's data section: three channels at 8², pressure log-transformed
const data: AutoencoderRunData = {
  channels: ['pressure', 'velocity_x', 'velocity_y'],
  resolution: [8, 8],
  transform: { pressure: 'log' },
  mean: [0.1, 0, 0],
  std: [1, 2, 2],
};
const aeCfg = resolveDcaeConfig({
  pixChannels: 3,
  latChannels: 4,
  hidChannels: [4, 8],
  hidBlocks: [1, 1],
  attentionHeads: { 1: 2 },
  dropout: 0.05,
});

describe('AE run directories', () => {
  it('an AE run without a recorded stage is read as a legacy AE run', () => {
    const dir = join(root, 'legacy');
    mkdirSync(dir, { recursive: true });
    writeConfig(join(dir, 'config.yaml'), { ae: aeCfg, data, train: { epochs: 1 } });
    const m = readRunManifest(dir);
    expect([m.stage, m.legacy]).toEqual(['ae', true]);
    writeConfig(join(dir, 'config.yaml'), { stage: 'ae', ae: aeCfg, data });
    expect(readRunManifest(dir).legacy).toBe(false);
    expect(() => readRunManifest(dir, ['dm', 'ns'])).toThrow(/legacy\/config.yaml: a run of stage ae, expected dm or ns/);
    writeConfig(join(dir, 'config.yaml'), { data });
    expect(() => readRunManifest(dir)).toThrow(/no 'stage' \(ae, cache, dm or ns\) and no 'ae' section/);
  });

  it('save → load reproduces encoder and decoder outputs bit for bit', async () => {
    const ae = initDcae(aeCfg, new Rng(11));
    const dir = join(root, 'run1');
    mkdirSync(join(dir, 'last'), { recursive: true });
    writeConfig(join(dir, 'config.yaml'), { ae: aeCfg, data, train: { epochs: 1 } });
    await saveWeights(join(dir, 'last/weights.safetensors'), ae);
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 5);
    const z1 = encode(ae, x);
    const y1 = decode(ae, z1);
    const run = loadAutoencoderRun(dir);
    const z2 = encode(run.ae, x);
    const y2 = decode(run.ae, z2);
    expect(Array.from(z2.dataSync())).toEqual(Array.from(z1.dataSync()));
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    expect(run.runId).toBe('run1');
    expect(runCompressionRate(run)).toBe((8 * 8 * 3) / (4 * 4 * 4));
    tf.dispose([x, z1, y1, z2, y2]);
    disposeParams(ae);
    disposeParams(run.ae);
  });

  it('names the file when the weights do not fit the config', async () => {
    const ae = initDcae(aeCfg, new Rng(1));
    const dir = join(root, 'run2');
    mkdirSync(join(dir, 'last'), { recursive: true });
    writeConfig(join(dir, 'config.yaml'), { ae: { ...aeCfg, latChannels: 8 }, data });
    await saveWeights(join(dir, 'last/weights.safetensors'), ae);
    disposeParams(ae);
    expect(() => loadAutoencoderRun(dir)).toThrow(/run2\/last\/weights.safetensors do not match the model \(mismatched/);
    writeConfig(join(dir, 'config.yaml'), { ae: aeCfg, data: { ...data, std: [1, 0, 1] } });
    expect(() => loadAutoencoderRun(dir)).toThrow(/data.std must be a list of 3 positive numbers/);
    writeConfig(join(dir, 'config.yaml'), { ae: { ...aeCfg, latChanels: 8 }, data });
    expect(() => loadAutoencoderRun(dir)).toThrow(/config.yaml: ae.latChanels: unknown key/);
  });
});
