/**
 * Normalisations without affine parameters, over the last (channel / feature) axis.
 *
 * Each is y = (x − c)·r with a per-row scale r, and has an explicit gradient (one fused tape entry
 * instead of the ~20 small ops of the autodiff of its formula): with ⟨·⟩ the mean over the last axis,
 *   LayerNorm (biased):   dx = r·(dy − ⟨dy⟩ − y·⟨dy⊙y⟩)
 *   LayerNorm (unbiased): dx = r·(dy − ⟨dy⟩ − y·Σ(dy⊙y)/(N − 1))
 *   RMSNorm:              dx = r·(dy − y·⟨dy⊙y⟩)
 * (the mean's own gradient cancels because Σ(x − ⟨x⟩) = 0). The forward values are those of the
 * formulas below, op for op — except on the wasm backend with the native kernels (docs/runtime.md §3),
 * where the forward ([y, r]) and the gradient are each one fused kernel (`LolaNorm`, `LolaNormGrad`;
 * same formulas, float32 sums in another order).
 */
import * as tf from '@tensorflow/tfjs';
import { NORM_GRAD_KERNEL, NORM_KERNEL } from '../runtime/native/fused.js';
import { fusedKernelActive } from '../runtime/native/register.js';

type Normaliser = (x: tf.Tensor) => tf.Tensor;

/**
 * y = (x − μ)·r with μ = ⟨x⟩ if `centre`, r = 1/√(Σ(x − μ)²/n + eps); explicit gradient
 * dx = r·(dy − [⟨dy⟩] − y·Σ(dy⊙y)/n).
 */
function normaliser(eps: number, centre: boolean, unbiased: boolean): Normaliser {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const c = x.shape[x.rank - 1]!;
    if (x.dtype === 'float32' && fusedKernelActive(NORM_KERNEL)) {
      const [y, r] = tf.engine().runKernel(NORM_KERNEL, { x }, { eps, centre, unbiased }) as tf.Tensor[];
      save([y!, r!]);
      return { value: y!, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => grad(dy, saved) };
    }
    const centred = centre ? tf.sub(x, tf.mean(x, -1, true)) : x;
    const ms = unbiased ? tf.div(tf.sum(tf.square(centred), -1, true), c - 1) : tf.mean(tf.square(centred), -1, true);
    const r = tf.rsqrt(tf.add(ms, eps));
    const y = tf.mul(centred, r);
    save([y, r]);
    return { value: y, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => grad(dy, saved) };
  }) as Normaliser;

  function grad(dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor {
    const [ys, rs] = saved as [tf.Tensor, tf.Tensor];
    if (fusedKernelActive(NORM_GRAD_KERNEL))
      return tf.engine().runKernel(NORM_GRAD_KERNEL, { dy, y: ys, r: rs }, { centre, unbiased }) as tf.Tensor;
    const c = ys.shape[ys.rank - 1]!;
    const dot = unbiased ? tf.div(tf.sum(tf.mul(dy, ys), -1, true), c - 1) : tf.mean(tf.mul(dy, ys), -1, true);
    let g = tf.sub(dy, tf.mul(ys, dot));
    if (centre) g = tf.sub(g, tf.mean(dy, -1, true));
    return tf.mul(g, rs);
  }
}

const cache = new Map<string, Normaliser>();
function cached(eps: number, centre: boolean, unbiased: boolean): Normaliser {
  const key = `${eps}|${centre}|${unbiased}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = normaliser(eps, centre, unbiased)));
  return f;
}

/**
 * LoLa's channel LayerNorm (docs/method.md §2.1): at each position, (x − mean_c x) / √(var_c x + eps)
 * with the UNBIASED (N − 1) variance over the C channels (`torch.var_mean` default), eps = 1e-5,
 * no affine parameters. Needs C ≥ 2.
 */
export function channelLayerNorm(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  const c = x.shape[x.rank - 1]!;
  if (c < 2) throw new Error(`channelLayerNorm: needs at least 2 channels for the unbiased variance, got ${c}`);
  return cached(eps, true, true)(x);
}

/**
 * Standard LayerNorm without affine parameters (PyTorch `nn.LayerNorm(elementwise_affine=False)`,
 * used by the ViT, docs/method.md §8.2): (x − mean) / √(var + eps) with the BIASED (1/N) variance.
 */
export function layerNorm(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  return cached(eps, true, false)(x);
}

/** RMSNorm without affine parameters (QK-norm, docs/method.md §8.3): x / √(mean(x²) + eps), eps = 1e-5. */
export function rmsNorm(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  return cached(eps, false, false)(x);
}
