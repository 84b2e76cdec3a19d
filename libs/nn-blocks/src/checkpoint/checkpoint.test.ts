import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { initConv, conv } from '../layers/conv.js';
import { initResBlock, resBlock } from '../layers/resblock.js';
import { disposeParams, namedParams } from '../params/tree.js';
import { adamwUpdate, disposeAdamW, initAdamW } from '../optim/adamw.js';
import { checkpointExists, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { loadSafetensors, loadWeights, saveSafetensors, saveWeights } from './tensors.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'nn-ckpt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model(seed: number) {
  const rng = new Rng(seed);
  return { stem: initConv(rng, 2, 4), blocks: [initResBlock(rng, 4), initResBlock(rng, 4, { attentionHeads: 2 })] };
}
type Model = ReturnType<typeof model>;
function forward(p: Model, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => p.blocks.reduce((h, b) => resBlock(b, h), conv(p.stem, x)));
}

describe('weights files', () => {
  it('save → load reproduces model outputs bit for bit', async () => {
    const a = model(1),
      b = model(2);
    const x = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 3);
    const path = join(dir, 'w.safetensors');
    await saveWeights(path, a, { note: 'test' });
    const meta = loadWeights(path, b);
    expect(meta.note).toBe('test');
    expect(meta.format).toBe('lola-ts');
    const ya = forward(a, x).dataSync(),
      yb = forward(b, x).dataSync();
    expect(Buffer.from(yb.buffer).equals(Buffer.from(ya.buffer))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    tf.dispose(x);
    disposeParams(a);
    disposeParams(b);
  });

  it('reports missing files, corrupt files and mismatched names or shapes', async () => {
    const a = model(1);
    expect(() => loadWeights(join(dir, 'nope.safetensors'), a)).toThrow(/checkpoint file not found: .*nope\.safetensors/);
    const path = join(dir, 'w2.safetensors');
    await saveWeights(path, a);
    const bytes = readFileSync(path);
    const cut = join(dir, 'cut.safetensors');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    expect(() => loadWeights(cut, a)).toThrow(/cut\.safetensors: not a valid safetensors file \(tensor ".*":.*truncated file/);
    const other = { stem: initConv(new Rng(0), 2, 8) };
    const p2 = join(dir, 'other.safetensors');
    await saveWeights(p2, other);
    expect(() => loadWeights(p2, a)).toThrow(
      /other\.safetensors do not match the model \(missing 12: blocks\.0\.conv1\.weight.*mismatched 2: stem\.weight: expected \[3, 3, 2, 4\], got \[3, 3, 2, 8\]/,
    );
    disposeParams(a);
    disposeParams(other);
  });

  it('round-trips int32 and bool tensors', async () => {
    const named = new Map<string, tf.Tensor>([
      ['i', tf.tensor([1, -2, 3], [3], 'int32')],
      ['b', tf.tensor([true, false], [2], 'bool')],
    ]);
    const path = join(dir, 'mixed.safetensors');
    await saveSafetensors(path, named);
    const { tensors } = loadSafetensors(path);
    expect(tensors.get('i')!.dtype).toBe('int32');
    expect(Array.from(tensors.get('i')!.dataSync())).toEqual([1, -2, 3]);
    expect(tensors.get('b')!.dtype).toBe('bool');
    expect(Array.from(tensors.get('b')!.dataSync())).toEqual([1, 0]);
    tf.dispose([...named.values(), ...tensors.values()]);
  });
});

describe('checkpoint directories', () => {
  it('save → load restores parameters, optimizer moments and state; survives a crash mid-swap', async () => {
    const a = model(4);
    let opt = initAdamW(a);
    const grads = new Map([...namedParams(a)].map(([k, v]) => [k, tf.onesLike(v)] as [string, tf.Tensor]));
    opt = adamwUpdate(a, grads, opt, 1e-3);
    const ck = join(dir, 'run', 'last');
    const state = { step: 5, epoch: 1, seed: 42, bestValidation: 0.25, bestStep: 4, extra: { note: 'x' } };
    await saveCheckpoint(ck, { params: a, optimizer: opt, state });
    await saveCheckpoint(ck, { params: a, optimizer: opt, state: { ...state, step: 6 } }); // replaces the previous one
    expect(readdirSync(join(dir, 'run')).sort()).toEqual(['last']);
    expect(checkpointExists(ck)).toBe(true);
    const b = model(5);
    const loaded = loadCheckpoint(ck, b);
    expect(loaded.state).toEqual({ ...state, step: 6, optimizerStep: 1 });
    expect(loaded.optimizer!.step).toBe(1);
    for (const [k, m] of opt.m) expect(Array.from(loaded.optimizer!.m.get(k)!.dataSync())).toEqual(Array.from(m.dataSync()));
    for (const [k, v] of namedParams(a)) expect(Array.from(namedParams(b).get(k)!.dataSync())).toEqual(Array.from(v.dataSync()));
    // crash between the two renames: only last.old is left
    renameSync(ck, `${ck}.old`);
    expect(checkpointExists(ck)).toBe(true);
    const c = model(6);
    const again = loadCheckpoint(ck, c, false);
    expect(again.dir).toBe(`${ck}.old`);
    expect(again.optimizer).toBeUndefined();
    // the next save cleans up
    await saveCheckpoint(ck, { params: a, state });
    expect(existsSync(`${ck}.old`)).toBe(false);
    expect(() => loadCheckpoint(ck, c)).toThrow(/checkpoint file not found: .*optimizer\.safetensors/);
    tf.dispose([...grads.values()]);
    disposeAdamW(opt);
    disposeAdamW(loaded.optimizer!);
    [a, b, c].forEach(disposeParams);
  });

  it('reports a missing checkpoint and a corrupt state.json', async () => {
    const a = model(7);
    expect(() => loadCheckpoint(join(dir, 'missing'), a)).toThrow(/checkpoint not found: .*missing \(no state\.json\)/);
    const ck = join(dir, 'bad');
    await saveCheckpoint(ck, { params: a, state: { step: 1, epoch: 0, seed: 1, bestValidation: null, bestStep: null } });
    writeFileSync(join(ck, 'state.json'), '{"step": 1,');
    expect(() => loadCheckpoint(ck, a)).toThrow(/bad\/state\.json: corrupt checkpoint state \(invalid JSON/);
    writeFileSync(join(ck, 'state.json'), '{"step": -1, "epoch": 0, "seed": 1, "bestValidation": null, "bestStep": null}');
    expect(() => loadCheckpoint(ck, a)).toThrow(/field "step" must be a non-negative integer, got -1/);
    disposeParams(a);
  });
});
