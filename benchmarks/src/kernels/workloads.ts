/**
 * The kernel benchmark's workloads (issue 2 §3; shapes as in docs/runtime.md §1): matmul 1024³,
 * conv 3×3 64→64 on 8×64×64 (forward; forward + weight gradient), a pre-LN transformer block
 * training step and a small conv-autoencoder training step, both with Adam on an MSE loss.
 * `benchmarks/reference/kernels.py` holds the same shapes in PyTorch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockLoss, blockParams } from './transformer.js';
import { convAeLoss, convAeParams } from './conv-ae.js';

/** A prepared workload: `step` runs once and waits for the result; `dispose` frees everything. */
export interface Prepared {
  step: () => Promise<void>;
  dispose: () => void;
}

export interface Workload {
  name: string;
  /** What is being timed, for the table. */
  description: string;
  axes: Record<string, unknown>;
  /** Floating-point operations of one step, for GFLOP/s (only where well defined). */
  flops?: number;
  prepare: () => Prepared;
}

const SEED = 1234;

/** Reads one value so that asynchronous backends finish the step. */
async function settle(t: tf.Tensor): Promise<void> {
  await t.data();
}

/** Times `op(a, b)` on two fixed inputs, disposing each result; `dispose` frees the inputs. */
function binary<A extends tf.Tensor, B extends tf.Tensor>(a: A, b: B, op: (a: A, b: B) => tf.Tensor): Prepared {
  return {
    step: async () => {
      const c = op(a, b);
      await settle(c);
      c.dispose();
    },
    dispose: () => tf.dispose([a, b]),
  };
}

function trainer(
  makeParams: () => Record<string, tf.Variable>,
  loss: (p: Record<string, tf.Variable>, x: tf.Tensor, y: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  y: tf.Tensor,
): Prepared {
  const params = makeParams();
  const opt = tf.train.adam(1e-3);
  const list = Object.values(params);
  return {
    step: async () => {
      const cost = opt.minimize(() => loss(params, x, y), true, list);
      if (!cost) throw new Error('optimizer returned no loss');
      await settle(cost);
      cost.dispose();
    },
    dispose: () => {
      opt.dispose();
      tf.dispose([x, y, ...list]);
    },
  };
}

export function workloads(): Workload[] {
  const n = 1024;
  const conv = { batch: 8, height: 64, width: 64, cin: 64, cout: 64, kernel: 3 };
  const convFlops = 2 * conv.batch * conv.height * conv.width * conv.cin * conv.cout * conv.kernel * conv.kernel;
  return [
    {
      name: 'matmul-1024',
      description: 'matMul [1024,1024]x[1024,1024]',
      axes: { shape: [n, n, n] },
      flops: 2 * n ** 3,
      prepare: () =>
        binary(tf.randomNormal([n, n], 0, 1, 'float32', SEED), tf.randomNormal([n, n], 0, 1, 'float32', SEED + 1), (a, b) =>
          tf.matMul(a, b),
        ),
    },
    {
      name: 'conv3x3-fwd',
      description: 'conv2d 3x3 64->64 on 8x64x64, SAME',
      axes: conv,
      flops: convFlops,
      prepare: () => {
        const x = tf.randomNormal([8, 64, 64, 64], 0, 1, 'float32', SEED) as tf.Tensor4D;
        const w = tf.randomNormal([3, 3, 64, 64], 0, 0.05, 'float32', SEED + 1) as tf.Tensor4D;
        return binary(x, w, (xx, ww) => tf.conv2d(xx, ww, 1, 'same'));
      },
    },
    {
      name: 'conv3x3-fwd-bwd',
      description: 'conv2d forward + weight gradient',
      axes: conv,
      flops: 2 * convFlops,
      prepare: () => {
        const x = tf.randomNormal([8, 64, 64, 64], 0, 1, 'float32', SEED) as tf.Tensor4D;
        const w = tf.randomNormal([3, 3, 64, 64], 0, 0.05, 'float32', SEED + 1) as tf.Tensor4D;
        const grad = tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'same')));
        return binary(x, w, (_x, ww) => grad(ww));
      },
    },
    {
      name: 'transformer-block-step',
      description: 'pre-LN block, Adam step (8x256x128, 4 heads)',
      axes: { batch: 8, seq: 256, dim: 128, heads: 4, mlpRatio: 4 },
      prepare: () =>
        trainer(
          () => blockParams(128, 4, SEED),
          (p, x, y) => blockLoss(p, x, y, 4),
          tf.randomNormal([8, 256, 128], 0, 1, 'float32', SEED + 2),
          tf.randomNormal([8, 256, 128], 0, 1, 'float32', SEED + 3),
        ),
    },
    {
      name: 'conv-ae-step',
      description: 'conv autoencoder, Adam step (8x64x64x3)',
      axes: { batch: 8, height: 64, width: 64, channels: 3 },
      prepare: () => {
        const x = tf.randomUniform([8, 64, 64, 3], 0, 1, 'float32', SEED + 4);
        return trainer(
          () => convAeParams(SEED),
          (p, xx) => convAeLoss(p, xx),
          x,
          tf.clone(x),
        );
      },
    },
  ];
}
