/**
 * The geometry of a batched product op(a)·op(b) (docs/runtime.md §3), shared by the wasm and the
 * native BatchMatMul kernels: both take batches that are equal (up to leading ones) or 1 and leave
 * general broadcasting to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { sizeOf, type TensorInfo } from './util.js';

/** Batch sizes, the product's M × K × N and the broadcast batch shape of the output. */
export interface MatMulShape {
  batchA: number;
  batchB: number;
  M: number;
  K: number;
  N: number;
  outOuter: number[];
}

/** `shape` without its leading size-1 axes. */
export function stripOnes(shape: number[]): number[] {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
}

/**
 * The shape of op(a)·op(b) for float32 operands of rank ≥ 2 whose batches are equal or 1; null
 * otherwise and for empty products. Throws tfjs's error when the inner sizes differ.
 */
export function matMulShape(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): MatMulShape | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = sizeOf(outerA);
  const batchB = sizeOf(outerB);
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return null;
  if (batchA === batchB && batchA !== 1 && stripOnes(outerA).join() !== stripOnes(outerB).join()) return null;
  const M = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const Kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const N = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (K !== Kb) {
    throw new Error(
      `Error in matMul: inner shapes (${K}) and (${Kb}) of Tensors with shapes ${a.shape} and ${b.shape} ` +
        `and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
    );
  }
  if (M === 0 || N === 0 || K === 0 || batchA === 0 || batchB === 0) return null;
  return { batchA, batchB, M, K, N, outOuter: tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB) };
}
