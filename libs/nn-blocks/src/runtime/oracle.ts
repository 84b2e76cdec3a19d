/**
 * Conformance helpers: run the same computation on two backends (the pure-JS `cpu` backend is the
 * oracle, docs/architecture.md §6) and compare the values.
 */
import * as tf from '@tensorflow/tfjs';
import { cpuBackend } from './wasm/cpu-fallback.js';

/** Output of {@link onBackend}: shapes and values read back after the computation's tidy. */
export interface BackendResult {
  shapes: number[][];
  values: Float32Array[];
}

/**
 * Runs `fn` with `backend` active (inside `tf.tidy`), reads its outputs, disposes them and
 * restores the previous backend. Inputs must be created inside `fn` (tensors live on one backend).
 */
export async function onBackend(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<BackendResult> {
  const previous = tf.getBackend();
  if (backend === 'cpu') cpuBackend();
  if (previous !== backend && !(await tf.setBackend(backend))) throw new Error(`onBackend: backend '${backend}' failed to initialise`);
  try {
    const out = tf.tidy(fn);
    const list = Array.isArray(out) ? out : [out];
    const values = list.map((t) => Float32Array.from(t.dataSync()));
    const shapes = list.map((t) => t.shape.slice());
    tf.dispose(list);
    return { shapes, values };
  } finally {
    if (previous && previous !== backend) await tf.setBackend(previous);
  }
}

/** Largest |a−b| / (atol + rtol·|b|) over all entries (≤ 1 means "close"); Infinity on shape mismatch. */
export function closeness(a: BackendResult, b: BackendResult, rtol = 1e-5, atol = 1e-5): number {
  if (a.values.length !== b.values.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.values.length; i++) {
    if (a.shapes[i]!.join() !== b.shapes[i]!.join()) return Infinity;
    const x = a.values[i]!;
    const y = b.values[i]!;
    for (let j = 0; j < x.length; j++) {
      const d = Math.abs(x[j]! - y[j]!);
      const e = d === 0 ? 0 : d / (atol + rtol * Math.abs(y[j]!));
      if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
    }
  }
  return worst;
}
