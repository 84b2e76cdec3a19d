/**
 * safetensors encoding (https://github.com/huggingface/safetensors, format section):
 *   [8 bytes: N, u64 little-endian][N bytes: UTF-8 JSON header][data]
 * The header maps each tensor name to {dtype, shape, data_offsets: [begin, end]} (byte offsets
 * into the data block, which follows the header), plus an optional "__metadata__" object of string
 * values. Data are little-endian, row-major, contiguous, without holes or overlaps. The writer pads
 * the header with spaces so that the data block starts at a multiple of 8 bytes, and puts
 * "__metadata__" first and the tensors in the given order.
 */

export type SafetensorsDtype = 'F64' | 'F32' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

export type SafetensorsArray = Float64Array | Float32Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export interface SafetensorsEntry {
  dtype: SafetensorsDtype;
  shape: number[];
  data: SafetensorsArray;
}

export interface SafetensorsContent {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

const BYTES: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

function ctorFor(dtype: SafetensorsDtype): { new (b: ArrayBuffer): SafetensorsArray } {
  switch (dtype) {
    case 'F64':
      return Float64Array;
    case 'F32':
      return Float32Array;
    case 'I64':
      return BigInt64Array;
    case 'I32':
      return Int32Array;
    case 'I16':
      return Int16Array;
    case 'I8':
      return Int8Array;
    case 'U8':
    case 'BOOL':
      return Uint8Array;
  }
}

function checkArrayType(name: string, dtype: SafetensorsDtype, data: SafetensorsArray): void {
  const ok = data instanceof ctorFor(dtype);
  if (!ok) throw new Error(`safetensors: tensor "${name}" has dtype ${dtype} but its data is a ${data.constructor.name}`);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Serialises tensors (and string metadata) to safetensors bytes. */
export function encodeSafetensors(tensors: Map<string, SafetensorsEntry>, metadata: Record<string, string> = {}): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('safetensors: big-endian hosts are not supported');
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata))
      if (typeof v !== 'string') throw new Error(`safetensors: metadata "${k}" must be a string`);
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, e] of tensors) {
    if (name === '__metadata__') throw new Error('safetensors: "__metadata__" is reserved and cannot name a tensor');
    checkArrayType(name, e.dtype, e.data);
    const numel = e.shape.reduce((a, b) => a * b, 1);
    if (numel !== e.data.length)
      throw new Error(`safetensors: tensor "${name}" has shape [${e.shape.join(', ')}] (${numel} elements) but ${e.data.length} values`);
    const bytes = numel * BYTES[e.dtype];
    header[name] = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const jsonBytes = new TextEncoder().encode(json);
  const pad = (8 - ((8 + jsonBytes.length) % 8)) % 8;
  json += ' '.repeat(pad);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const e of tensors.values()) {
    const b = new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    out.set(b, pos);
    pos += b.length;
  }
  return out;
}

/** Parses safetensors bytes; `source` (a file name) prefixes every error. Data are copied. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors data'): SafetensorsContent {
  const fail = (msg: string): never => {
    throw new Error(`${source}: not a valid safetensors file (${msg})`);
  };
  if (bytes.length < 8) fail(`only ${bytes.length} bytes, the 8-byte header length is missing`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) fail(`header length ${n} exceeds the ${bytes.length - 8} bytes after it`);
  const headerLen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    fail(`header is not UTF-8 JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('"__metadata__" is not an object');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>))
        if (typeof v !== 'string') fail(`"__metadata__.${k}" is not a string`);
      metadata = raw as Record<string, string>;
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info !== 'object' || info === null) fail(`entry "${name}" is not an object`);
    const dtype = info.dtype as SafetensorsDtype;
    if (typeof dtype !== 'string' || !(dtype in BYTES)) fail(`tensor "${name}": unsupported dtype ${JSON.stringify(info.dtype)}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      fail(`tensor "${name}": shape must be a list of non-negative integers`);
    const offs = info.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((d) => Number.isInteger(d) && d >= 0) || offs[0] > offs[1]) {
      fail(`tensor "${name}": data_offsets must be [begin, end] with 0 ≤ begin ≤ end`);
    }
    const [begin, end] = offs as [number, number];
    if (end > dataLen) fail(`tensor "${name}": data_offsets [${begin}, ${end}] run past the ${dataLen} data bytes (truncated file?)`);
    const numel = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== numel * BYTES[dtype])
      fail(`tensor "${name}": ${end - begin} bytes for shape [${(shape as number[]).join(', ')}] of ${dtype}`);
    spans.push([begin, end, name]);
    const buf = bytes.buffer.slice(bytes.byteOffset + dataStart + begin, bytes.byteOffset + dataStart + end) as ArrayBuffer;
    tensors.set(name, { dtype, shape: shape as number[], data: new (ctorFor(dtype))(buf) });
  }
  spans.sort((a, b) => a[0] - b[0]);
  let cursor = 0;
  for (const [b, e, name] of spans) {
    if (b !== cursor)
      fail(b < cursor ? `tensor "${name}" overlaps the previous one` : `hole of ${b - cursor} bytes before tensor "${name}"`);
    cursor = e;
  }
  if (cursor !== dataLen) fail(`${dataLen - cursor} trailing bytes after the last tensor`);
  return { tensors, metadata };
}
