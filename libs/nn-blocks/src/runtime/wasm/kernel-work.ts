/**
 * How much work a kernel call does, for the thread choices of the wasm thread gate
 * (thread-gate.ts) and the native kernels (native/thread-chooser.ts). A pure function with no
 * Node imports, so that the layers (which reach the native thread chooser) stay usable in the
 * browser entry.
 */
import type * as tf from '@tensorflow/tfjs';

const size = (t: tf.TensorInfo | undefined): number => (t ? t.shape.reduce((a, b) => a * b, 1) : 0);

/** [work, isProduct]: multiply-adds for products and convolutions, else the largest input size. */
export function kernelWork(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): [number, boolean] {
  const i = inputs as Record<string, tf.TensorInfo | undefined>;
  switch (name) {
    case 'BatchMatMul':
    case '_FusedMatMul': {
      const a = i['a']!;
      const b = i['b']!;
      const ra = a.shape.length;
      const rb = b.shape.length;
      const mk = Math.max(a.shape[ra - 1]! * a.shape[ra - 2]!, 1);
      const kn = Math.max(b.shape[rb - 1]! * b.shape[rb - 2]!, 1);
      const n = attrs['transposeB'] ? b.shape[rb - 2]! : b.shape[rb - 1]!;
      return [Math.max(size(a) / mk, size(b) / kn) * mk * n, true];
    }
    case 'Conv2D':
    case 'FusedConv2D':
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2D': {
      const x = i['x']!;
      const f = i['filter']!;
      const s = attrs['strides'] as number | number[] | undefined;
      const st = Array.isArray(s) ? (s[0] ?? 1) * (s[1] ?? 1) : (s ?? 1) ** 2;
      return [(size(x) * size(f)) / Math.max(x.shape[3] ?? 1, 1) / st, true];
    }
    case 'Conv2DBackpropInput': {
      const f = i['filter']!;
      return [(size(i['dy']) * size(f)) / Math.max(f.shape[3] ?? 1, 1), true];
    }
    case 'Conv2DBackpropFilter': {
      const fs = (attrs['filterShape'] as number[] | undefined) ?? [1, 1, 1, 1];
      return [size(i['dy']) * fs[0]! * fs[1]! * fs[2]!, true];
    }
    default: {
      let m = 0;
      for (const t of Object.values(i)) m = Math.max(m, size(t));
      return [m, false];
    }
  }
}
