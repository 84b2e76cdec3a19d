/**
 * Loss value and gradients with respect to every trainable variable of a parameter tree, keyed by
 * dotted name (the shape expected by the optimizers in `optim/`).
 */
import * as tf from '@tensorflow/tfjs';
import { namedParams, type NamedTensors, type ParamTree } from './tree.js';

/**
 * Runs `loss()` under `tf.variableGrads` over the trainable variables of `params`. Returns the
 * scalar loss and d loss / d θ for each parameter name (caller disposes both). Parameters the loss
 * does not depend on get zero gradients.
 */
export function valueAndGrads(params: ParamTree, loss: () => tf.Scalar): { value: tf.Scalar; grads: NamedTensors } {
  const named = [...namedParams(params)].filter(([, v]) => v.trainable);
  const vars = named.map(([, v]) => v);
  const { value, grads } = tf.variableGrads(loss, vars);
  const out = new Map<string, tf.Tensor>();
  for (const [name, v] of named) {
    const g = grads[v.name];
    out.set(name, g ?? tf.zerosLike(v));
  }
  return { value, grads: out };
}

/** Disposes every tensor of a name → tensor map. */
export function disposeNamed(named: NamedTensors): void {
  for (const t of named.values()) t.dispose();
}
