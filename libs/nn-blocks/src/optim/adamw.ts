/**
 * AdamW (Loshchilov & Hutter 2019; PyTorch `torch.optim.AdamW` semantics), docs/method.md §12:
 *   θ ← θ·(1 − lr·λ)                       (decoupled weight decay)
 *   m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
 * The state (step t, moments m and v keyed by parameter name) is a plain object; `adamwUpdate`
 * assigns the variables in place and returns the next state (the previous moments are disposed).
 */
import * as tf from '@tensorflow/tfjs';
import { namedParams, type NamedTensors, type ParamTree } from '../params/tree.js';
import { adamwParam, type AdamWScalars } from './adamw-kernel.js';

export interface AdamWConfig {
  /** β1 (default 0.9). */
  beta1?: number;
  /** β2 (default 0.999; LoLa's emulators use 0.99). */
  beta2?: number;
  /** ε (default 1e-8). */
  eps?: number;
  /** Decoupled weight decay λ (default 0, as in LoLa). */
  weightDecay?: number;
}

export interface AdamWState {
  /** Number of updates applied so far. */
  step: number;
  m: NamedTensors;
  v: NamedTensors;
}

/** Zero moments for every trainable parameter, step 0. */
export function initAdamW(params: ParamTree): AdamWState {
  const m = new Map<string, tf.Tensor>();
  const v = new Map<string, tf.Tensor>();
  for (const [name, p] of namedParams(params)) {
    if (!p.trainable) continue;
    m.set(name, tf.zerosLike(p));
    v.set(name, tf.zerosLike(p));
  }
  return { step: 0, m, v };
}

/** Disposes the moment tensors of a state. */
export function disposeAdamW(state: AdamWState): void {
  for (const t of state.m.values()) t.dispose();
  for (const t of state.v.values()) t.dispose();
}

/** One AdamW update with learning rate `lr` from gradients keyed by parameter name. */
export function adamwUpdate(params: ParamTree, grads: NamedTensors, state: AdamWState, lr: number, cfg: AdamWConfig = {}): AdamWState {
  return adamwApply(params, grads, state, lr, cfg, 1);
}

/**
 * {@link adamwUpdate} with the gradients scaled by `gradScale` first (the clip coefficient of
 * `optimizerStep`, as g·s in float32), one fused kernel per parameter (see adamw-kernel.ts).
 */
export function adamwApply(
  params: ParamTree,
  grads: NamedTensors,
  state: AdamWState,
  lr: number,
  cfg: AdamWConfig,
  gradScale: number,
): AdamWState {
  const b1 = cfg.beta1 ?? 0.9;
  const b2 = cfg.beta2 ?? 0.999;
  const eps = cfg.eps ?? 1e-8;
  const wd = cfg.weightDecay ?? 0;
  const t = state.step + 1;
  const scalars: AdamWScalars = {
    beta1: b1,
    beta2: b2,
    eps,
    decay: wd !== 0 ? 1 - lr * wd : 1,
    stepSize: lr / (1 - b1 ** t),
    bc2: 1 - b2 ** t,
    gradScale,
  };
  const m = new Map<string, tf.Tensor>();
  const v = new Map<string, tf.Tensor>();
  const trainable = [...namedParams(params)].filter(([, p]) => p.trainable);
  for (const [name] of trainable) {
    if (!grads.has(name)) throw new Error(`adamwUpdate: no gradient for parameter "${name}"`);
    if (!state.m.has(name) || !state.v.has(name)) throw new Error(`adamwUpdate: optimizer state has no moments for parameter "${name}"`);
  }
  for (const [name, p] of trainable) {
    const [m1, v1, p1] = adamwParam(p, grads.get(name)!, state.m.get(name)!, state.v.get(name)!, scalars);
    p.assign(p1);
    p1.dispose();
    m.set(name, m1);
    v.set(name, v1);
  }
  disposeAdamW(state);
  return { step: t, m, v };
}

/**
 * The optimizer state as named tensors (`m.<param>`, `v.<param>`) for a safetensors file, plus
 * the step for `state.json`. The tensors are the state's own (do not dispose them separately).
 */
export function adamwToNamed(state: AdamWState): { tensors: NamedTensors; step: number } {
  const tensors = new Map<string, tf.Tensor>();
  for (const [k, t] of state.m) tensors.set(`m.${k}`, t);
  for (const [k, t] of state.v) tensors.set(`v.${k}`, t);
  return { tensors, step: state.step };
}

/**
 * Rebuilds a state from named tensors (taking ownership of them) and checks it against the
 * parameters: every trainable parameter needs `m.<name>` and `v.<name>` of its shape.
 */
export function adamwFromNamed(params: ParamTree, tensors: NamedTensors, step: number, source = 'optimizer state'): AdamWState {
  const m = new Map<string, tf.Tensor>();
  const v = new Map<string, tf.Tensor>();
  const problems: string[] = [];
  const expected = new Set<string>();
  for (const [name, p] of namedParams(params)) {
    if (!p.trainable) continue;
    for (const [prefix, dest] of [
      ['m', m],
      ['v', v],
    ] as const) {
      const key = `${prefix}.${name}`;
      expected.add(key);
      const t = tensors.get(key);
      if (!t) problems.push(`missing ${key}`);
      else if (t.shape.join(',') !== p.shape.join(','))
        problems.push(`${key}: expected [${p.shape.join(', ')}], got [${t.shape.join(', ')}]`);
      else dest.set(name, t);
    }
  }
  for (const key of tensors.keys()) if (!expected.has(key)) problems.push(`unexpected ${key}`);
  if (problems.length) {
    throw new Error(
      `${source} does not match the model: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? `; … (+${problems.length - 6})` : ''}`,
    );
  }
  if (!Number.isInteger(step) || step < 0) throw new Error(`${source}: step must be a non-negative integer, got ${step}`);
  return { step, m, v };
}
