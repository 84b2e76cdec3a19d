/**
 * SiLU (swish) silu(x) = x · σ(x) (docs/method.md §2.1) and GELU, tanh form,
 * gelu(x) = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (the benchmark's transformer block,
 * PyTorch `gelu(approximate='tanh')`).
 *
 * On the wasm backend with the native kernels (docs/runtime.md §3) each is one fused kernel
 * (`LolaActivation`) with a fused gradient dy·f'(x) (`LolaActivationGrad`):
 *   silu'(x) = σ(x)·(1 + x·(1 − σ(x))),  gelu'(x) = s + 2x·s·(1 − s)·√(2/π)·(1 + 3·0.044715·x²),
 * s = σ(2u), u the tanh argument (0.5·(1 + tanh u) = σ(2u)). Elsewhere the op-by-op forms below
 * (SiLU as a product with `sigmoid`, cheap on every backend: docs/runtime.md §2).
 */
import * as tf from '@tensorflow/tfjs';
import { ACTIVATION_GRAD_KERNEL, ACTIVATION_KERNEL } from '../runtime/native/fused.js';
import { fusedKernelActive } from '../runtime/native/register.js';

type Op = 'silu' | 'gelu';
const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

function opByOp(op: Op, x: tf.Tensor): tf.Tensor {
  if (op === 'silu') return tf.mul(x, tf.sigmoid(x));
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), GELU_A)), GELU_C);
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

/** dy·f'(x) op by op (when the fused gradient kernel is not available). */
function gradByOps(op: Op, x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  if (op === 'silu') {
    const s = tf.sigmoid(x);
    return tf.mul(dy, tf.mul(s, tf.add(1, tf.mul(x, tf.sub(1, s)))));
  }
  const x2 = tf.mul(x, x);
  const s = tf.sigmoid(tf.mul(tf.mul(tf.add(x, tf.mul(tf.mul(x2, x), GELU_A)), GELU_C), 2));
  const ds = tf.mul(tf.mul(tf.mul(tf.mul(x, 2), s), tf.sub(1, s)), tf.mul(tf.add(1, tf.mul(x2, 3 * GELU_A)), GELU_C));
  return tf.mul(dy, tf.add(s, ds));
}

function fused(op: Op): (x: tf.Tensor) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([x]);
    return {
      value: tf.engine().runKernel(ACTIVATION_KERNEL, { x }, { op }) as tf.Tensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        fusedKernelActive(ACTIVATION_GRAD_KERNEL)
          ? (tf.engine().runKernel(ACTIVATION_GRAD_KERNEL, { x: saved[0]!, dy }, { op }) as tf.Tensor)
          : gradByOps(op, saved[0]!, dy),
    };
  }) as (x: tf.Tensor) => tf.Tensor;
}

const fusedSilu = fused('silu');
const fusedGelu = fused('gelu');

function activation(op: Op, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() =>
    x.dtype === 'float32' && fusedKernelActive(ACTIVATION_KERNEL) ? (op === 'silu' ? fusedSilu : fusedGelu)(x) : opByOp(op, x),
  );
}

export function silu(x: tf.Tensor): tf.Tensor {
  return activation('silu', x);
}

/** GELU, tanh form (see above). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return activation('gelu', x);
}
