/**
 * softmax(scale·x) over the last axis (the attention weights, docs/method.md §8.2: scale = 1/√d_head).
 * On the wasm backend with the native kernels (docs/runtime.md §3), one fused kernel for the scale
 * and the softmax (`LolaSoftmax`) and one for its gradient (`LolaSoftmaxGrad`):
 *   dx = scale · y ⊙ (dy − Σ_last dy ⊙ y),
 * instead of a scalar product, the softmax and four ops of the gradient, each a pass over
 * [B·heads, N, N]. Elsewhere (and for scale ≤ 0) tf.softmax(tf.mul(x, scale)).
 */
import * as tf from '@tensorflow/tfjs';
import { SOFTMAX_GRAD_KERNEL, SOFTMAX_KERNEL } from '../runtime/native/fused.js';
import { fusedKernelActive } from '../runtime/native/register.js';

const fusedSoftmax = (scale: number) =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    const y = tf.engine().runKernel(SOFTMAX_KERNEL, { x }, { scale }) as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const ys = saved[0]!;
        if (fusedKernelActive(SOFTMAX_GRAD_KERNEL))
          return tf.engine().runKernel(SOFTMAX_GRAD_KERNEL, { y: ys, dy }, { scale }) as tf.Tensor;
        const g = tf.mul(ys, tf.sub(dy, tf.sum(tf.mul(dy, ys), -1, true)));
        return scale === 1 ? g : tf.mul(g, scale);
      },
    };
  }) as (x: tf.Tensor) => tf.Tensor;

export function scaledSoftmax(x: tf.Tensor, scale = 1): tf.Tensor {
  return tf.tidy(() => {
    if (scale > 0 && x.dtype === 'float32' && x.rank > 0 && fusedKernelActive(SOFTMAX_KERNEL)) return fusedSoftmax(scale)(x);
    return tf.softmax(scale === 1 ? x : tf.mul(x, scale), -1);
  });
}
