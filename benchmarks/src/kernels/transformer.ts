/**
 * The benchmark's pre-LN transformer block (docs/runtime.md §1): x + Attn(LN(x)), then
 * x + MLP(LN(x)) with a 4× MLP and the tanh form of GELU. Written around the tfjs pitfalls
 * (nn-blocks README): 2-D matMuls for the projections, slices instead of stridedSlice. LayerNorm,
 * GELU and the scaled softmax are the library's (`layerNorm` with an affine g, b; `gelu`;
 * `scaledSoftmax`), as PyTorch's reference uses its `nn.LayerNorm`, `F.gelu(approximate="tanh")`
 * and `torch.softmax`: one fused kernel each (and one for each gradient) on the native runtime, the
 * op-by-op formulas on other backends.
 */
import { gelu as libGelu, layerNorm as libLayerNorm, scaledSoftmax } from '@lola-ts/nn-blocks';
import * as tf from '@tensorflow/tfjs-core';

function normal(shape: number[], std: number, seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, std, 'float32', seed);
}

/** Parameters for model width `dim` (heads only fix the attention split). */
let instances = 0;

export function blockParams(dim: number, _heads: number, seed: number): Record<string, tf.Variable> {
  const id = instances++;
  const v = (t: tf.Tensor, name: string) => {
    const out = tf.variable(t, true, `block${id}-${name}`);
    t.dispose(); // the variable holds its own reference to the data
    return out;
  };
  return {
    ln1g: v(tf.ones([dim]), 'ln1g'),
    ln1b: v(tf.zeros([dim]), 'ln1b'),
    wqkv: v(normal([dim, 3 * dim], 0.02, seed), 'wqkv'),
    bqkv: v(tf.zeros([3 * dim]), 'bqkv'),
    wo: v(normal([dim, dim], 0.02, seed + 1), 'wo'),
    bo: v(tf.zeros([dim]), 'bo'),
    ln2g: v(tf.ones([dim]), 'ln2g'),
    ln2b: v(tf.zeros([dim]), 'ln2b'),
    w1: v(normal([dim, 4 * dim], 0.02, seed + 2), 'w1'),
    b1: v(tf.zeros([4 * dim]), 'b1'),
    w2: v(normal([4 * dim, dim], 0.02, seed + 3), 'w2'),
    b2: v(tf.zeros([dim]), 'b2'),
  };
}

/** LayerNorm over the last axis of a 2-D [rows, dim] tensor. */
function layerNorm(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return tf.add(tf.mul(libLayerNorm(x, 1e-5), g), b);
}

/** GELU, tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
function gelu(x: tf.Tensor): tf.Tensor {
  return libGelu(x);
}

/** Block output for x [B, S, D]. */
export function block(p: Record<string, tf.Variable>, x: tf.Tensor, heads: number): tf.Tensor {
  const [B, S, D] = x.shape as [number, number, number];
  const hd = D / heads;
  const rows = tf.reshape(x, [B * S, D]) as tf.Tensor2D;
  const h = layerNorm(rows, p['ln1g']!, p['ln1b']!);
  const qkv = tf.add(tf.matMul(h, p['wqkv']!), p['bqkv']!);
  // [B*S, 3D] -> [3, B*heads, S, hd]
  const split = tf.reshape(tf.transpose(tf.reshape(qkv, [B, S, 3, heads, hd]), [2, 0, 3, 1, 4]), [3, B * heads, S, hd]);
  const [q, k, v] = tf.split(split, 3, 0).map((t) => tf.reshape(t, [B * heads, S, hd]));
  const att = scaledSoftmax(tf.matMul(q!, k!, false, true), 1 / Math.sqrt(hd));
  const o = tf.reshape(tf.transpose(tf.reshape(tf.matMul(att, v!), [B, heads, S, hd]), [0, 2, 1, 3]), [B * S, D]);
  const x1 = tf.add(rows, tf.add(tf.matMul(o, p['wo']!), p['bo']!)) as tf.Tensor2D;
  const h2 = layerNorm(x1, p['ln2g']!, p['ln2b']!);
  const m = tf.add(tf.matMul(gelu(tf.add(tf.matMul(h2, p['w1']!), p['b1']!)) as tf.Tensor2D, p['w2']!), p['b2']!);
  return tf.reshape(tf.add(x1, m), [B, S, D]);
}

/** Mean squared error of the block output against `y`. */
export function blockLoss(p: Record<string, tf.Variable>, x: tf.Tensor, y: tf.Tensor, heads: number): tf.Scalar {
  return tf.mean(tf.squaredDifference(block(p, x, heads), y));
}
