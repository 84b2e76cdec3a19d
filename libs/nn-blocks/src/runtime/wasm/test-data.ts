/**
 * Deterministic test inputs and conv configurations for the wasm and native kernel conformance
 * tests (kernel 1–5, stride 1–3, SAME/VALID/explicit padding, odd sizes, batch 1 and > 1; matMul
 * shape pairs), and the comparison of a computation on `wasm` against the `cpu` backend.
 */
import * as tf from '@tensorflow/tfjs';
import { closeness, onBackend, type BackendResult } from '../oracle.js';

/** `fn` on `cpu` and on `wasm`, and the worst |wasm − cpu| / (atol + rtol·|cpu|) (≤ 1 passes). */
export async function wasmVsCpu(
  fn: () => tf.Tensor | tf.Tensor[],
  rtol = 1e-4,
  atol = 1e-4,
): Promise<{ cpu: BackendResult; wasm: BackendResult; err: number }> {
  const cpu = await onBackend('cpu', fn);
  const wasm = await onBackend('wasm', fn);
  return { cpu, wasm, err: closeness(wasm, cpu, rtol, atol) };
}

/** Runs the kernel `name` on the current backend. */
export const runKernel = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) =>
  tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;

/** Values in [-1, 1) from a 32-bit LCG seeded by `seed` (no dependency on tfjs randomness). */
export function lcgValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

export interface ConvCase {
  batch: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  k: [number, number];
  stride: [number, number];
  pad: Pad;
}

/** The conv cases: every kernel 1–5 × stride 1–3 × {SAME, VALID, explicit}, on varied odd sizes. */
export function convCases(): ConvCase[] {
  const cases: ConvCase[] = [];
  const sizes: [number, number][] = [
    [7, 9],
    [6, 5],
    [9, 8],
    [5, 11],
  ];
  let i = 0;
  for (let k = 1; k <= 5; k++) {
    for (let s = 1; s <= 3; s++) {
      for (const padKind of ['same', 'valid', 'explicit'] as const) {
        const [h, w] = sizes[i % sizes.length]!;
        const kw = i % 3 === 0 && k > 1 ? k - 1 : k;
        const sw = i % 4 === 1 && s > 1 ? s - 1 : s;
        const pad: Pad =
          padKind === 'explicit'
            ? [
                [0, 0],
                [i % 3, (i + 1) % 2],
                [(i + 2) % 3, i % 2],
                [0, 0],
              ]
            : padKind;
        cases.push({ batch: 1 + (i % 3), h, w, cin: 2 + (i % 2), cout: 3 - (i % 2), k: [k, kw], stride: [s, sw], pad });
        i++;
      }
    }
  }
  return cases;
}

/** Output size of a conv along one axis. */
export function convOut(size: number, k: number, s: number, pad: Pad, axis: 1 | 2): number {
  if (pad === 'same') return Math.ceil(size / s);
  if (pad === 'valid') return Math.ceil((size - k + 1) / s);
  const [a, b] = pad[axis];
  return Math.floor((size + a + b - k) / s) + 1;
}

/** The shapes of x, the filter and dy for a conv case (NHWC). */
export function convShapes(c: ConvCase) {
  const oh = convOut(c.h, c.k[0], c.stride[0], c.pad, 1);
  const ow = convOut(c.w, c.k[1], c.stride[1], c.pad, 2);
  return {
    x: [c.batch, c.h, c.w, c.cin] as [number, number, number, number],
    f: [c.k[0], c.k[1], c.cin, c.cout] as [number, number, number, number],
    dy: [c.batch, oh, ow, c.cout] as [number, number, number, number],
  };
}

/** A conv case in one line, for failure messages. */
export function convLabel(c: ConvCase): string {
  return `b${c.batch} ${c.h}x${c.w}x${c.cin}->${c.cout} k${c.k.join('x')} s${c.stride.join('x')} ${JSON.stringify(c.pad)}`;
}

/**
 * [a, b] matMul shapes before transposes (a: [..., M, K], b: [..., K, N]): 2-D, size-1 axes, equal
 * batches, batch folding (b of batch 1 or rank 2), broadcasting batch 1 either side, rank 4 and 5.
 */
// prettier-ignore
export const MATMUL_PAIRS: [number[], number[]][] = [
  [[5, 7], [7, 3]], [[1, 1], [1, 1]], [[1, 9], [9, 1]], [[6, 1], [1, 4]],
  [[3, 5, 7], [3, 7, 4]], [[2, 5, 7], [7, 4]], [[2, 5, 7], [1, 7, 4]], [[5, 7], [3, 7, 4]], [[1, 5, 7], [3, 7, 2]],
  [[2, 3, 5, 7], [2, 3, 7, 4]], [[2, 3, 5, 7], [7, 4]], [[2, 1, 5, 7], [1, 3, 7, 4]],
  [[4, 1, 6], [4, 6, 1]], [[3, 4, 1], [3, 1, 5]], [[1, 2, 3, 9, 8], [2, 3, 8, 10]],
  [[12, 20, 8], [12, 8, 20]], [[8, 24, 24], [8, 24, 4]],
];

/** `shape` with its last two axes swapped when `t`. */
export function transposed(shape: number[], t: boolean): number[] {
  return t ? [...shape.slice(0, -2), shape[shape.length - 1]!, shape[shape.length - 2]!] : shape;
}

/** The four transpose combinations of a pair: the flags and the operand shapes to build. */
export function transposeCases(sa: number[], sb: number[]): { tA: boolean; tB: boolean; ashape: number[]; bshape: number[] }[] {
  return [false, true].flatMap((tA) => [false, true].map((tB) => ({ tA, tB, ashape: transposed(sa, tA), bshape: transposed(sb, tB) })));
}
