/**
 * N-D convolution (2-D or 3-D), stride 1, "same" zero padding (docs/method.md §2.1: the AE uses zero
 * padding), odd kernel sizes (3 and 1 in LoLa).
 * Layout: weight [kh, kw, in, out] (2-D) or [kd, kh, kw, in, out] (3-D), bias [out]; channels-last
 * activations. PyTorch layouts: params/layout.ts.
 * Init (PyTorch `nn.ConvNd` default): W, b ~ U(±1/√(in · ∏ kernel)).
 */
import * as tf from '@tensorflow/tfjs';
import type { RandomSource } from '@lola-ts/numerics';
import { torchDefaultBound, uniformVariable } from '../params/init.js';

export interface ConvParams {
  /** [k, k, in, out] (2-D) or [k, k, k, in, out] (3-D) */
  weight: tf.Variable;
  /** [out] */
  bias?: tf.Variable;
}

export interface ConvOptions {
  /** Kernel size per spatial axis (odd; default 3). */
  kernel?: number;
  /** Spatial rank: 2 (NHWC) or 3 (NDHWC); default 2. */
  dims?: 2 | 3;
  /** Add a bias (default true). */
  bias?: boolean;
}

/** Creates convolution parameters with PyTorch's default init, drawn from `rng` (weight then bias). */
export function initConv(rng: RandomSource, inChannels: number, outChannels: number, opts: ConvOptions = {}): ConvParams {
  const k = opts.kernel ?? 3;
  const dims = opts.dims ?? 2;
  if (!Number.isInteger(k) || k < 1 || k % 2 === 0) throw new RangeError(`initConv: kernel must be a positive odd integer, got ${k}`);
  if (dims !== 2 && dims !== 3) throw new RangeError(`initConv: dims must be 2 or 3, got ${dims}`);
  const bound = torchDefaultBound(inChannels * k ** dims);
  const weight = uniformVariable(rng, [...Array(dims).fill(k), inChannels, outChannels], bound);
  if (opts.bias === false) return { weight };
  return { weight, bias: uniformVariable(rng, [outChannels], bound) };
}

/** y = conv(x, W) + b with stride 1 and "same" zero padding; x is [B, H, W, C] or [B, D, H, W, C]. */
export function conv(p: ConvParams, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const w = p.weight;
    const inC = w.shape[w.rank - 2]!;
    if (x.shape[x.rank - 1] !== inC) throw new Error(`conv: input has ${x.shape[x.rank - 1]} channels, weight expects ${inC}`);
    let y: tf.Tensor;
    if (w.rank === 4) {
      if (x.rank !== 4) throw new Error(`conv: 2-D weight needs a rank-4 NHWC input, got shape [${x.shape.join(', ')}]`);
      // The bias inside the convolution (FusedConv2D: one pass on the native runtime, docs/runtime.md §3).
      if (p.bias && p.bias.dtype === 'float32' && x.dtype === 'float32')
        return tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: 'same', bias: p.bias });
      y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
    } else if (w.rank === 5) {
      if (x.rank !== 5) throw new Error(`conv: 3-D weight needs a rank-5 NDHWC input, got shape [${x.shape.join(', ')}]`);
      y = tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, 1, 'same');
    } else {
      throw new Error(`conv: weight must have rank 4 or 5, got [${w.shape.join(', ')}]`);
    }
    return p.bias ? tf.add(y, p.bias) : y;
  });
}

/**
 * LoLa's `identity_init` (docs/method.md §2.1): W ← 1e-2·W, then W[centre…, in = i mod C_in, out = i]
 * += 1 for every output channel i. Biases are left as initialised. Modifies `p` in place.
 */
export function identityInit(p: ConvParams, scale = 1e-2): ConvParams {
  const w = p.weight;
  const shape = w.shape;
  const inC = shape[shape.length - 2]!;
  const outC = shape[shape.length - 1]!;
  const spatial = shape.slice(0, -2);
  const data = w.dataSync().slice() as Float32Array;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * scale;
  let centre = 0;
  for (const k of spatial) centre = centre * k + (k - 1) / 2;
  for (let o = 0; o < outC; o++) {
    const idx = (centre * inC + (o % inC)) * outC + o;
    data[idx] = data[idx]! + 1;
  }
  const t = tf.tensor(data, shape, 'float32');
  w.assign(t);
  t.dispose();
  return p;
}
