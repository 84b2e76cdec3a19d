/**
 * The tail of the fused kernels (`_FusedMatMul`, `FusedConv2D`) when they are composed of
 * separate kernels (docs/runtime.md §3): Add(bias), then the activation, each by its wasm kernel.
 */
import { callWasm, release, type Attrs, type BackendWasm, type TensorInfo } from './util.js';

const ACTIVATIONS: Record<string, string> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', sigmoid: 'Sigmoid' };

/**
 * Adds `inputs.bias` (wasm Add, broadcasting) and applies the fused activation of `at` (wasm
 * kernels); consumes `t`. Errors name `kernel` and `runtime` (which replacement ran).
 */
export function biasAndActivation(
  be: BackendWasm,
  t: TensorInfo,
  inputs: Record<string, TensorInfo | undefined>,
  at: Attrs,
  kernel: string,
  runtime: 'wasm' | 'native',
): TensorInfo {
  const bias = inputs['bias'];
  if (bias) {
    const withBias = callWasm('Add', be, { a: t, b: bias });
    release(be, t);
    t = withBias;
  }
  const act = (at['activation'] as string | undefined) ?? 'linear';
  if (act === 'linear') return t;
  let out: TensorInfo;
  if (ACTIVATIONS[act]) out = callWasm(ACTIVATIONS[act]!, be, { x: t });
  else if (act === 'leakyrelu') out = callWasm('LeakyRelu', be, { x: t }, { alpha: at['leakyreluAlpha'] });
  else if (act === 'prelu') out = callWasm('Prelu', be, { x: t, alpha: inputs['preluActivationWeights']! });
  else {
    release(be, t);
    throw new Error(`${kernel} (${runtime}, @lola-ts/nn-blocks runtime): unknown activation '${act}'`);
  }
  release(be, t);
  return out;
}
