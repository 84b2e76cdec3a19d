import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { initLinear, type LinearParams } from '../layers/linear.js';
import {
  assignParams,
  countParams,
  disposeParams,
  namedParams,
  paramNames,
  snapshotParams,
  trainableVariables,
  unflattenParams,
} from './tree.js';
import { constantVariable } from './init.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Block {
  conv1: LinearParams;
  conv2: LinearParams;
}
interface Model {
  heads: number;
  encoder: { blocks: Block[] };
  out: LinearParams;
}

function makeModel(seed: number): Model {
  const rng = new Rng(seed);
  return {
    heads: 4,
    encoder: { blocks: [0, 1].map(() => ({ conv1: initLinear(rng, 3, 4), conv2: initLinear(rng, 4, 3, { bias: false }) })) },
    out: initLinear(rng, 3, 2),
  };
}

describe('parameter trees', () => {
  it('names leaves with dotted paths in tree order and skips static fields', () => {
    const m = makeModel(1);
    expect(paramNames(m)).toEqual([
      'encoder.blocks.0.conv1.weight',
      'encoder.blocks.0.conv1.bias',
      'encoder.blocks.0.conv2.weight',
      'encoder.blocks.1.conv1.weight',
      'encoder.blocks.1.conv1.bias',
      'encoder.blocks.1.conv2.weight',
      'out.weight',
      'out.bias',
    ]);
    expect(countParams(m)).toBe(2 * (12 + 4 + 12) + 6 + 2);
    expect(trainableVariables(m)).toHaveLength(8);
    disposeParams(m);
  });

  it('is deterministic for a seed', () => {
    const a = makeModel(7),
      b = makeModel(7),
      c = makeModel(8);
    const wa = a.out.weight.dataSync(),
      wb = b.out.weight.dataSync(),
      wc = c.out.weight.dataSync();
    expect(Array.from(wa)).toEqual(Array.from(wb));
    expect(Array.from(wa)).not.toEqual(Array.from(wc));
    [a, b, c].forEach(disposeParams);
  });

  it('unflattens dotted names back into nested objects and arrays', () => {
    const m = makeModel(2);
    const nested = unflattenParams(namedParams(m)) as any;
    expect(Array.isArray(nested.encoder.blocks)).toBe(true);
    expect(nested.encoder.blocks[1].conv1.weight).toBe(m.encoder.blocks[1]!.conv1.weight);
    expect(nested.out.bias).toBe(m.out.bias);
    expect(paramNames(nested)).toEqual(paramNames(m));
    expect(() => unflattenParams({ 'a.b': 1, 'a.b.c': 2 })).toThrow(/collides/);
    disposeParams(m);
  });

  it('assigns values by name and reports missing, unexpected and mis-shaped names', () => {
    const a = makeModel(3),
      b = makeModel(4);
    const snap = snapshotParams(b);
    assignParams(a, snap);
    expect(Array.from(a.out.weight.dataSync())).toEqual(Array.from(b.out.weight.dataSync()));
    const bad = new Map(snap);
    bad.delete('out.bias');
    const extra = tf.zeros([2]);
    bad.set('out.gain', extra);
    const wrong = tf.zeros([2, 3]);
    bad.set('out.weight', wrong);
    expect(() => assignParams(a, bad, 'ckpt.safetensors')).toThrow(
      /ckpt\.safetensors.*missing 1: out\.bias.*unexpected 1: out\.gain.*mismatched 1: out\.weight: expected \[3, 2\], got \[2, 3\]/,
    );
    for (const t of snap.values()) t.dispose();
    extra.dispose();
    wrong.dispose();
    [a, b].forEach(disposeParams);
  });

  it('rejects plain tensors, dotted keys and shared variables', () => {
    const t = tf.zeros([1]);
    expect(() => namedParams({ w: t })).toThrow(/"w" is a plain tf.Tensor/);
    const v = constantVariable([1]);
    expect(() => namedParams({ 'a.b': v })).toThrow(/contain no "."/);
    expect(() => namedParams({ a: v, b: v })).toThrow(/appears twice/);
    t.dispose();
    v.dispose();
  });

  it('creates and disposes without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const m = makeModel(5);
    expect(tf.memory().numTensors).toBe(before + 8);
    disposeParams(m);
    expect(tf.memory().numTensors).toBe(before);
  });
});
