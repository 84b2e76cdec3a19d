/**
 * Copy-to-cpu fallback for small kernels the wasm backend lacks (docs/runtime.md §3): copy the
 * inputs out of the wasm heap, run the pure-JS `cpu` kernel, copy the outputs back. Correct for
 * any size, but only fast for small tensors (e.g. UnsortedSegmentSum in gather gradients).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm, TensorInfo } from './util.js';

/**
 * Kernels present on `cpu` but missing on `wasm` (tfjs 4.22) that training can reach with real
 * (float32/int32/bool) tensors: gather gradients, depthwise-conv gradients, einsum. The complex,
 * string and ragged kernels are left out (the wasm backend cannot hold their dtypes).
 */
export const CPU_FALLBACK_KERNELS: readonly string[] = [
  'UnsortedSegmentSum',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'Einsum',
];

/**
 * The `cpu` backend instance, without its one-time "install tfjs-node" banner (it would tell a
 * program on wasm to install something it does not need).
 */
export function cpuBackend(): tf.KernelBackend {
  const cpu = tf.findBackend('cpu');
  if (!cpu) throw new Error("the 'cpu' backend is not registered (import '@tensorflow/tfjs')");
  (cpu as unknown as { firstUse?: boolean }).firstUse = false;
  return cpu;
}

/** A wasm kernel config running the cpu kernel `name` on copies of the inputs. */
export function cpuFallbackConfig(name: string): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const be = backend as BackendWasm;
    const cpu = cpuBackend();
    const cfg = tf.getKernel(name, 'cpu');
    if (!cfg) throw new Error(`cpu kernel '${name}' is not registered`);
    const created: object[] = [];
    const copy = (t: TensorInfo): TensorInfo => {
      const values = be.readSync(t.dataId) as tf.backend_util.BackendValues;
      const dataId = cpu.write(values, t.shape, t.dtype);
      created.push(dataId);
      return { dataId, shape: t.shape, dtype: t.dtype };
    };
    // Kernels over a list of tensors (Einsum) get their inputs as an array.
    let cpuInputs: TensorInfo[] | Record<string, TensorInfo>;
    if (Array.isArray(inputs)) {
      cpuInputs = (inputs as TensorInfo[]).map(copy);
    } else {
      const named: Record<string, TensorInfo> = {};
      for (const [key, t] of Object.entries(inputs)) if (t) named[key] = copy(t as TensorInfo);
      cpuInputs = named;
    }
    try {
      const res = cfg.kernelFunc({ inputs: cpuInputs as tf.NamedTensorInfoMap, backend: cpu, attrs });
      const outs = Array.isArray(res) ? res : [res];
      const wasmOuts = outs.map((o) => {
        const values = cpu.readSync(o.dataId) as tf.TypedArray;
        const out = be.makeOutput(o.shape, o.dtype);
        (be.typedArrayFromHeap(out) as tf.TypedArray).set(values);
        cpu.disposeData(o.dataId, true);
        return out;
      });
      return Array.isArray(res) ? wasmOuts : wasmOuts[0]!;
    } finally {
      for (const id of created) cpu.disposeData(id, true);
    }
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}
