/**
 * Batched GMRES (Saad & Schultz 1986) with a fixed number of iterations, for the small linear
 * systems of MMPS (docs/method.md §11). Each row of b [B, D] is an independent system A x = b with the
 * operator applied to all rows at once; x0 = 0. Arnoldi with modified Gram–Schmidt, Givens
 * rotations for the least-squares problem. With one iteration this is the minimal-residual step
 * x = r·⟨Ar, r⟩/‖Ar‖² (r = b). Intermediate scalars are [B] tensors; a tiny ε guards divisions.
 */
import * as tf from '@tensorflow/tfjs-core';

const TINY = 1e-30;

function rowDot(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D {
  return tf.sum(tf.mul(a, b), -1) as tf.Tensor1D;
}

/** Solves A x ≈ b for every row of b [B, D] with `iterations` GMRES iterations. Caller disposes. */
export function gmres(apply: (v: tf.Tensor) => tf.Tensor, b: tf.Tensor, iterations = 1): tf.Tensor {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`gmres: iterations must be an integer >= 1, got ${iterations}`);
  if (b.rank !== 2) throw new Error(`gmres: b must be [B, D], got [${b.shape.join(', ')}]`);
  return tf.tidy(() => {
    const n = iterations;
    const col = (t: tf.Tensor) => tf.expandDims(t, -1);
    const beta = tf.sqrt(rowDot(b, b));
    const basis: tf.Tensor[] = [tf.div(b, col(tf.maximum(beta, TINY)))];
    // h[i][j]: Hessenberg entries ([B] each), rotated in place into R.
    const h: tf.Tensor[][] = Array.from({ length: n + 1 }, () => []);
    const cs: tf.Tensor[] = [];
    const sn: tf.Tensor[] = [];
    const g: tf.Tensor[] = [beta];
    for (let j = 0; j < n; j++) {
      let w = apply(basis[j]!);
      for (let i = 0; i <= j; i++) {
        h[i]![j] = rowDot(w, basis[i]!);
        w = tf.sub(w, tf.mul(col(h[i]![j]!), basis[i]!));
      }
      const wn = tf.sqrt(rowDot(w, w));
      h[j + 1]![j] = wn;
      basis.push(tf.div(w, col(tf.maximum(wn, TINY))));
      for (let i = 0; i < j; i++) {
        const a = h[i]![j]!;
        const c = h[i + 1]![j]!;
        h[i]![j] = tf.add(tf.mul(cs[i]!, a), tf.mul(sn[i]!, c));
        h[i + 1]![j] = tf.sub(tf.mul(cs[i]!, c), tf.mul(sn[i]!, a));
      }
      const a = h[j]![j]!;
      const c = h[j + 1]![j]!;
      const r = tf.maximum(tf.sqrt(tf.add(tf.square(a), tf.square(c))), TINY);
      cs[j] = tf.div(a, r);
      sn[j] = tf.div(c, r);
      h[j]![j] = r;
      h[j + 1]![j] = tf.zerosLike(r);
      g[j + 1] = tf.neg(tf.mul(sn[j]!, g[j]!));
      g[j] = tf.mul(cs[j]!, g[j]!);
    }
    // Back substitution R y = g (upper triangular n × n per row).
    const y: tf.Tensor[] = new Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = g[i]!;
      for (let k = i + 1; k < n; k++) s = tf.sub(s, tf.mul(h[i]![k]!, y[k]!));
      y[i] = tf.div(s, h[i]![i]!);
    }
    return y.reduce<tf.Tensor>((acc, yi, i) => tf.add(acc, tf.mul(col(yi), basis[i]!)), tf.zerosLike(b));
  });
}
