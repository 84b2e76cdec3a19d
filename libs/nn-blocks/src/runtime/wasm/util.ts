/**
 * Helpers for kernels written on top of the stock tfjs-backend-wasm kernels (docs/runtime.md §3):
 * calling other wasm kernels, releasing intermediates, and zero-copy views into the wasm heap.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type { BackendWasm };
export type TensorInfo = tf.TensorInfo;
export type Attrs = Record<string, unknown>;

/** The stock wasm kernel configs the runtime replaced, so that replacements can delegate. */
const stock = new Map<string, tf.KernelConfig>();

/** Remembers the stock config of `name` (once) before the runtime replaces it. */
export function rememberStock(name: string): tf.KernelConfig | undefined {
  if (!stock.has(name)) {
    const cfg = tf.getKernel(name, 'wasm');
    if (cfg) stock.set(name, cfg);
  }
  return stock.get(name);
}

/** Runs the wasm kernel `name`: the stock one when the runtime replaced it, else the registered one. */
export function callWasm(name: string, backend: BackendWasm, inputs: Record<string, TensorInfo>, attrs: Attrs = {}): TensorInfo {
  const cfg = stock.get(name) ?? tf.getKernel(name, 'wasm');
  if (!cfg) throw new Error(`wasm kernel '${name}' is not registered`);
  const out = cfg.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend, attrs: attrs as tf.NamedAttrMap });
  if (Array.isArray(out)) throw new Error(`wasm kernel '${name}' returned ${out.length} outputs, expected one`);
  return out as TensorInfo;
}

/** Releases intermediate tensor infos (one reference each). */
export function release(backend: BackendWasm, ...infos: (TensorInfo | null | undefined)[]): void {
  for (const info of infos) if (info) backend.disposeData(info.dataId);
}

/** Reshape without copying (the wasm Reshape kernel shares the data and adds a reference). */
export function reshape(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  return callWasm('Reshape', backend, { x }, { shape });
}

/** Transpose through the registered wasm kernel (the runtime's, which reduces the rank first). */
export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  const cfg = tf.getKernel('Transpose', 'wasm');
  if (!cfg) throw new Error("wasm kernel 'Transpose' is not registered");
  return cfg.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
}

/** Slice `x` from `begin` with `size` through the registered wasm kernel (a copy). */
export function slice(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const cfg = tf.getKernel('Slice', 'wasm');
  if (!cfg) throw new Error("wasm kernel 'Slice' is not registered");
  return cfg.kernelFunc({ inputs: { x }, backend, attrs: { begin, size } }) as TensorInfo;
}

/** Pads with zeros; `paddings[i] = [before, after]`, all non-negative. */
export function pad(backend: BackendWasm, x: TensorInfo, paddings: [number, number][]): TensorInfo {
  return callWasm('PadV2', backend, { x }, { paddings, constantValue: 0 });
}

/** Byte offset of a tensor's data in the wasm heap. */
export function heapOffset(backend: BackendWasm, x: TensorInfo): number {
  return backend.dataIdMap.get(x.dataId)!.memoryOffset;
}

/**
 * A tensor over `size(shape)` float32 values that already live at byte `offset` of the wasm heap
 * (inside another tensor). Must be dropped with {@link dropView}, never disposed: disposing would
 * free memory the view does not own.
 */
export function view(backend: BackendWasm, shape: number[], offset: number): TensorInfo {
  return backend.makeOutput(shape, 'float32', offset);
}

/** Unregisters a {@link view} without freeing its memory. */
export function dropView(backend: BackendWasm, v: TensorInfo): void {
  const data = backend.dataIdMap.get(v.dataId);
  if (!data) return;
  backend.wasm.tfjs.disposeData(data.id);
  backend.dataIdMap.delete(v.dataId);
}

/** Product of the entries of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * tfjs's geometry of an NHWC 2-D convolution from a conv kernel's attrs `{strides, pad,
 * dimRoundingMode}`; throws, naming `kernel`, when `dataFormat` is set and is not NHWC.
 */
export function nhwcConvInfo(
  kernel: string,
  xShape: number[],
  filterShape: number[],
  a: Attrs,
  dilations: unknown = 1,
): tf.backend_util.Conv2DInfo {
  const format = (a['dataFormat'] as string | undefined) ?? 'NHWC';
  if (format !== 'NHWC') {
    throw new Error(`${kernel} (wasm, @lola-ts/nn-blocks runtime): dataFormat '${format}' is not supported, use 'NHWC'`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a['strides'] as number,
    dilations as number,
    a['pad'] as 'same',
    a['dimRoundingMode'] as 'floor' | undefined,
  );
}

/** The wasm Conv2D (XNNPACK) of NHWC `x` with `filter`, stride 1, pads [top, bottom, left, right] and `dilations`. */
export function stride1Conv(
  be: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  [top, bottom, left, right]: [number, number, number, number],
  dilations: [number, number] = [1, 1],
): TensorInfo {
  const pad = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  return callWasm('Conv2D', be, { x, filter }, { strides: [1, 1], pad, dilations, dataFormat: 'NHWC' });
}
