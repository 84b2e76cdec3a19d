import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initRuntime } from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { costVsResolution } from '../dashboard/model.js';
import { parseEmulationArgs } from './args.js';
import { loadAeArchitecture, loadVitArchitecture, squarePatch } from './architecture.js';
import { membersFor, tokensOf } from './cases.js';
import { run } from './command.js';
import { planCases } from './suite.js';

const dir = mkdtempSync(join(tmpdir(), 'emulation-bench-'));
const configs = join(dir, 'configs');
const out = join(dir, 'bench.jsonl');
/** A minimal stage config around a `model:` or `ae:` section (the suite reads them as lola-train does). */
const TRAIN = 'train: { epochs: 1, stepsPerEpoch: 1 }\n';
const emulatorConfig = (model: string, data = 'data: { path: runs/latents }\n') => `out: runs/emulator\n${data}model: ${model}\n${TRAIN}`;
const aeConfig = (ae: string) => `out: runs/ae\ndata: { path: runs/data }\nae: ${ae}\n${TRAIN}`;

beforeAll(() => {
  // Tiny architectures (the suite reads them like the real configs/ files): DCAE f4, ViT D=16.
  mkdirSync(configs, { recursive: true });
  for (const c of [8, 2])
    writeFileSync(join(configs, `ae-euler-c${c}.yaml`), aeConfig(`{ latChannels: ${c}, hidChannels: [4, 4, 8], hidBlocks: [0, 0, 1] }`));
  writeFileSync(join(configs, 'dm-euler.yaml'), emulatorConfig('{ hidChannels: 16, hidBlocks: 1, heads: 2, embFeatures: 16 }'));
  writeFileSync(join(configs, 'ns-euler.yaml'), emulatorConfig('{ hidChannels: 8, hidBlocks: 1, heads: 2 }'));
});
afterAll(() => vi.restoreAllMocks());

describe('lola-bench emulation: options and plan', () => {
  it('parses the defaults, --quick and bad input', () => {
    const d = parseEmulationArgs([])!;
    expect(d).toMatchObject({
      resolutions: [64, 128, 256],
      ensemble: 16,
      steps: 16,
      frames: 5,
      iterations: 1,
      maxBatchTokens: 1280,
      latChannels: [64, 16, 4],
      backend: 'auto',
      out: null,
    });
    expect(parseEmulationArgs(['--quick'])).toMatchObject({ resolutions: [64], ensemble: 2, steps: 2, simOutputs: 1, quick: true });
    expect(parseEmulationArgs(['--quick', '--ensemble', '3', '--resolutions', '128,32'])).toMatchObject({
      resolutions: [32, 128],
      ensemble: 3,
    });
    expect(parseEmulationArgs(['--help'])).toBeNull();
    expect(() => parseEmulationArgs(['--resolutions', '64,x'])).toThrow("--resolutions must be a list of integers >= 4, got '64,x'");
    expect(() => parseEmulationArgs(['--methods', 'dm,fno'])).toThrow(/unknown method\(s\) 'fno'/);
    expect(() => parseEmulationArgs(['--backend', 'gpu'])).toThrow(/--backend must be one of auto, .*, got 'gpu'/);
  });

  it('caps members by tokens per batch and reads the architectures from the config files', () => {
    expect(tokensOf('dm', 256, 8, 8)).toBe(5 * 32 * 32);
    expect(tokensOf('pixel-dm', 256, 8, 4)).toBe(5 * 64 * 64);
    expect([
      membersFor(16, 320, 5120),
      membersFor(16, 1280, 5120),
      membersFor(16, 5120, 5120),
      membersFor(16, 20480, 5120),
      membersFor(2, 80, 5120),
    ]).toEqual([16, 4, 1, 1, 2]);
    expect(loadVitArchitecture('dm', configs)).toMatchObject({ hidChannels: 16, hidBlocks: 1, heads: 2, embFeatures: 16 });
    expect(loadVitArchitecture('ns', configs)).toMatchObject({ hidChannels: 8, embFeatures: 256 });
    expect(loadVitArchitecture('dm', null)).toMatchObject({
      hidChannels: 128,
      hidBlocks: 4,
      heads: 4,
      source: expect.stringContaining('built-in default'),
    });
    expect(loadAeArchitecture(2, configs, 5)).toMatchObject({ latChannels: 2, hidChannels: [4, 4, 8], hidBlocks: [0, 0, 1] });
    expect(loadAeArchitecture(64, configs, 5)).toMatchObject({
      hidChannels: [32, 64, 128, 256],
      source: expect.stringContaining('built-in default'),
    });
    writeFileSync(join(configs, 'ae-euler-c3.yaml'), aeConfig('{ latChannels: 3, hidChannels: [4, 8], hidBlocks: [1] }'));
    expect(() => loadAeArchitecture(3, configs, 5)).toThrow(/ae-euler-c3\.yaml:\n {2}- ae\.hidBlocks: expected 2 entries/);

    // A config per rate wins over the first file; the pixel NS config's patch sets the pixel patch.
    const other = join(dir, 'configs2');
    mkdirSync(other);
    writeFileSync(join(other, 'dm-euler-c2.yaml'), emulatorConfig('{ hidChannels: 24, hidBlocks: 2, heads: 2 }'));
    writeFileSync(join(other, 'dm-euler-c8.yaml'), emulatorConfig('{ hidChannels: 32, hidBlocks: 2, heads: 2 }'));
    writeFileSync(
      join(other, 'ns-euler-pixel.yaml'),
      emulatorConfig('{ hidChannels: 8, hidBlocks: 1, heads: 2, patchSize: [1, 2, 2] }', 'data: { source: well, path: runs/data }\n'),
    );
    expect(loadVitArchitecture('dm', other, 'c8').hidChannels).toBe(32);
    expect(loadVitArchitecture('dm', other, 'c4').hidChannels).toBe(24);
    expect(loadVitArchitecture('ns', other, 'pixel').patchSize).toEqual([1, 2, 2]);
    expect([squarePatch([1, 16, 16]), squarePatch([4]), squarePatch([2, 4, 4]), squarePatch(undefined)]).toEqual([16, 4, null, null]);
    const plan2 = planCases(
      {
        ...parseEmulationArgs(['--resolutions', '16', '--latent-channels', '8,2', '--configs', other])!,
        architectures: { ae: (c) => loadAeArchitecture(c, configs, 5) },
      },
      5,
    );
    expect(plan2.filter((c) => c.method === 'dm').map((c) => ('vit' in c ? c.vit.hidChannels : 0))).toEqual([32, 24]);
    expect(plan2.find((c) => c.method === 'pixel-ns')).toMatchObject({ patch: 2 });

    const o = {
      ...parseEmulationArgs(['--resolutions', '16,32', '--latent-channels', '8,2', '--configs', configs, '--max-batch-tokens', '160'])!,
    };
    const plan = planCases(o, 5);
    expect(plan.map((c) => `${c.method}@${c.resolution}`)).toEqual(
      [16, 32].flatMap((n) => ['simulator', 'pixel-ns', 'ns', 'ns', 'pixel-dm', 'dm', 'dm'].map((m) => `${m}@${n}`)),
    );
    // f = 4: 80 tokens at 16² (2 members under 160), 320 at 32² (1); pixel patch = f.
    expect(plan.filter((c) => c.method !== 'simulator').map((c) => ('members' in c ? c.members : 0))).toEqual([
      2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1,
    ]);
    expect(plan.find((c) => c.method === 'pixel-dm')).toMatchObject({ patch: 4, steps: 16 });
    expect(plan.find((c) => c.method === 'ns')).toMatchObject({ patch: 1, steps: null });
  });
});

describe('lola-bench emulation: a quick run on tiny sizes', () => {
  it('writes one well-formed record per method, rate and resolution, and reports ratios and the crossover', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const argv = [
      '--quick',
      '--backend',
      'cpu',
      '--resolutions',
      '8,16',
      '--frames',
      '6',
      '--latent-channels',
      '8,2',
      '--configs',
      configs,
      '--out',
      out,
    ];
    await initRuntime({ backend: 'cpu' });
    const tensors = tf.memory().numTensors;
    expect(await run(argv)).toBe(0);
    expect(tf.memory().numTensors).toBe(tensors);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as Record<string, unknown> & {
            measures: Record<string, { value: number; lower: number; upper: number; unit: string; better: string }>;
          },
      );
    expect(records).toHaveLength(14);
    for (const r of records) {
      expect(r).toMatchObject({ suite: 'emulation', name: 'per-state', kind: 'speed', dataset: expect.stringContaining('euler') });
      const m = r.measures.secondsPerState!;
      expect(m).toMatchObject({ unit: 's', better: 'lower' });
      expect(m.value).toBeGreaterThan(0);
      expect(m.lower).toBeLessThanOrEqual(m.value);
      expect(m.upper).toBeGreaterThanOrEqual(m.value);
      expect((r.environment as { backend: string }).backend).toBe(r.method === 'simulator' ? 'js-float64' : 'cpu');
    }
    const at16 = records.filter((r) => r.resolution === 16);
    expect(records.filter((r) => r.resolution === 8)).toHaveLength(7);
    // Compression = C·f²/c_lat = 5·16/8 and 5·16/2; pixel models and the simulator: 1.
    expect(at16.map((r) => `${r.method}:${r.compressionRate}`)).toEqual([
      'simulator:1',
      'pixel-ns:1',
      'ns:10',
      'ns:40',
      'pixel-dm:1',
      'dm:10',
      'dm:40',
    ]);
    const dm = at16.find((r) => r.method === 'dm')!;
    expect(dm).toMatchObject({
      ensembleSize: 2,
      requestedEnsembleSize: 2,
      samplerSteps: 2,
      sampler: 'ab',
      frames: 6,
      tokens: 80,
      patchSize: 1,
      latChannels: 8,
      stateShape: [4, 4, 8],
    });
    expect(dm.measures.decodeSecondsPerState!.value).toBeLessThan(dm.measures.secondsPerState!.value);
    expect(at16.find((r) => r.method === 'pixel-dm')).toMatchObject({ tokens: 80, patchSize: 4, stateShape: [16, 16, 5] });
    expect(at16.find((r) => r.method === 'pixel-ns')!.samplerSteps).toBeUndefined();
    expect(at16.find((r) => r.method === 'simulator')).toMatchObject({ frames: 1, stateShape: [16, 16, 5] });
    expect(at16.find((r) => r.method === 'simulator')!.solverStepsPerState as number).toBeGreaterThan(0);
    // The dashboard's cost-vs-resolution curves read exactly these records.
    const curves = costVsResolution(records as never);
    expect(new Set(curves.map((p) => p.series))).toEqual(
      new Set(['simulator', 'pixel-ns', 'ns 10×', 'ns 40×', 'pixel-dm', 'dm 10×', 'dm 40×']),
    );
    const report = lines.join('\n');
    expect(report).toMatch(/\[14\/14\] dm 40×\s+16²/);
    expect(report).toMatch(/DM \/ NS\s+6\.46/);
    expect(report).toMatch(/DM 10×: (already cheaper|becomes cheaper|not cheaper)/);
  });
});
