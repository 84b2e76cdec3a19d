import * as tf from '@tensorflow/tfjs-core';

/** eps added to the target's spatial variance in the AE's VRMSE loss (docs/method.md §2.6). */
export const VRMSE_LOSS_EPS = 1e-2;

/** Names of the reconstruction losses (docs/method.md §2.6; `l1` is LoLa's `mae`). */
export type LossName = 'l1' | 'mse' | 'vrmse';
export const LOSS_NAMES: readonly LossName[] = ['l1', 'mse', 'vrmse'];

/** Weights of a weighted-sum loss; absent names weigh 0. */
export type LossWeights = Partial<Record<LossName, number>>;

/** L1 (mean absolute error) over every element: mean |y − x|. */
export function l1Loss(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(pred, target))) as tf.Scalar);
}

/** MSE over every element: mean (y − x)². */
export function mseLoss(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const d = tf.sub(pred, target);
    return tf.mean(tf.mul(d, d)) as tf.Scalar;
  });
}

/**
 * Per-sample, per-channel VRMSE of channels-last tensors `[B, ...space, C]` (docs/method.md §2.6):
 * v[b, c] = √( mean_space (x − y)² / (Var_space(x) + eps) ), with x the target and Var the unbiased
 * (N − 1) spatial variance of the target. Returns `[B, C]`.
 */
export function vrmsePerChannel(pred: tf.Tensor, target: tf.Tensor, eps = VRMSE_LOSS_EPS): tf.Tensor2D {
  if (pred.rank < 3 || pred.shape.join() !== target.shape.join()) {
    throw new Error(`vrmse: expected two tensors of equal shape [B, ...space, C], got [${pred.shape}] and [${target.shape}]`);
  }
  return tf.tidy(() => {
    const b = target.shape[0]!;
    const c = target.shape[target.rank - 1]!;
    const n = target.size / (b * c);
    if (n < 2) throw new Error('vrmse: need at least 2 spatial points for an unbiased variance');
    const x = tf.reshape(target, [b, n, c]);
    const y = tf.reshape(pred, [b, n, c]);
    const d = tf.sub(x, y);
    const mse = tf.mean(tf.mul(d, d), 1);
    const centred = tf.sub(x, tf.mean(x, 1, true));
    const variance = tf.div(tf.sum(tf.mul(centred, centred), 1), n - 1);
    return tf.sqrt(tf.div(mse, tf.add(variance, eps))) as tf.Tensor2D;
  });
}

/** VRMSE loss: `vrmsePerChannel` averaged over batch and channels (docs/method.md §2.6). */
export function vrmseLoss(pred: tf.Tensor, target: tf.Tensor, eps = VRMSE_LOSS_EPS): tf.Scalar {
  return tf.tidy(() => tf.mean(vrmsePerChannel(pred, target, eps)) as tf.Scalar);
}

/** Checks a weights mapping: known names, finite non-negative numbers, at least one positive. */
export function validateLossWeights(weights: unknown, where = 'loss'): LossWeights {
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights))
    throw new Error(`${where}: expected a mapping of loss name -> weight (${LOSS_NAMES.join(', ')})`);
  const out: LossWeights = {};
  let any = false;
  for (const [k, v] of Object.entries(weights)) {
    if (!LOSS_NAMES.includes(k as LossName)) throw new Error(`${where}.${k}: unknown loss (expected one of ${LOSS_NAMES.join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`${where}.${k}: expected a finite non-negative number, got ${JSON.stringify(v)}`);
    out[k as LossName] = v;
    if (v > 0) any = true;
  }
  if (!any) throw new Error(`${where}: at least one loss weight must be positive`);
  return out;
}

/**
 * Weighted sum Σ_k w_k·L_k(pred, target) over `l1`, `mse`, `vrmse` (LoLa's `AutoEncoderLoss`,
 * docs/method.md §2.6). Terms with weight 0 are not computed.
 */
export function reconstructionLoss(pred: tf.Tensor, target: tf.Tensor, weights: LossWeights): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Scalar | null = null;
    for (const name of LOSS_NAMES) {
      const w = weights[name] ?? 0;
      if (w === 0) continue;
      const term = name === 'l1' ? l1Loss(pred, target) : name === 'mse' ? mseLoss(pred, target) : vrmseLoss(pred, target);
      const weighted = w === 1 ? term : tf.mul(term, w);
      total = total === null ? (weighted as tf.Scalar) : (tf.add(total, weighted) as tf.Scalar);
    }
    if (total === null) throw new Error('reconstructionLoss: every loss weight is 0');
    return total;
  });
}
