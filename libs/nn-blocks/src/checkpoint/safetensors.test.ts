import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, type SafetensorsEntry } from './safetensors.js';

/** Builds a safetensors file byte by byte from the format description. */
function handBuilt(): Uint8Array {
  let header =
    '{"__metadata__":{"format":"pt"},' +
    '"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
    '"b":{"dtype":"I64","shape":[1,2],"data_offsets":[8,24]}}';
  while ((8 + header.length) % 8 !== 0) header += ' ';
  const n = header.length;
  const lenBytes = [n & 0xff, (n >> 8) & 0xff, 0, 0, 0, 0, 0, 0]; // u64 little-endian
  const data = [
    0x00,
    0x00,
    0xc0,
    0x3f, // 1.5f   = 0x3FC00000
    0x00,
    0x00,
    0x00,
    0xc0, // -2.0f  = 0xC0000000
    0x03,
    0,
    0,
    0,
    0,
    0,
    0,
    0, // int64 3
    0xfc,
    0xff,
    0xff,
    0xff,
    0xff,
    0xff,
    0xff,
    0xff, // int64 -4
  ];
  return Uint8Array.from([...lenBytes, ...Array.from(header, (c) => c.charCodeAt(0)), ...data]);
}

function entries(): Map<string, SafetensorsEntry> {
  return new Map<string, SafetensorsEntry>([
    ['a', { dtype: 'F32', shape: [2], data: Float32Array.from([1.5, -2]) }],
    ['b', { dtype: 'I64', shape: [1, 2], data: BigInt64Array.from([3n, -4n]) }],
  ]);
}

describe('safetensors', () => {
  it('reads a file built by hand from the spec', () => {
    const { tensors, metadata } = decodeSafetensors(handBuilt());
    expect(metadata).toEqual({ format: 'pt' });
    expect(tensors.get('a')).toEqual({ dtype: 'F32', shape: [2], data: Float32Array.from([1.5, -2]) });
    expect(tensors.get('b')!.shape).toEqual([1, 2]);
    expect(Array.from(tensors.get('b')!.data as BigInt64Array)).toEqual([3n, -4n]);
  });

  it('writes exactly those bytes (header padded to 8, data aligned)', () => {
    const bytes = encodeSafetensors(entries(), { format: 'pt' });
    expect(Array.from(bytes)).toEqual(Array.from(handBuilt()));
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
  });

  it('round-trips every supported dtype, empty tensors and no metadata', () => {
    const m = new Map<string, SafetensorsEntry>([
      ['f64', { dtype: 'F64', shape: [3], data: Float64Array.from([Math.PI, -0, 1e300]) }],
      ['i32', { dtype: 'I32', shape: [2, 1], data: Int32Array.from([-7, 2 ** 31 - 1]) }],
      ['u8', { dtype: 'U8', shape: [1], data: Uint8Array.from([255]) }],
      ['empty', { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) }],
    ]);
    const back = decodeSafetensors(encodeSafetensors(m));
    expect(back.metadata).toEqual({});
    expect(back.tensors).toEqual(m);
  });

  it('gives clear errors for corrupt data', () => {
    const good = handBuilt();
    const n = Number(new DataView(good.buffer).getBigUint64(0, true));
    expect(() => decodeSafetensors(good.slice(0, 5), 'w.safetensors')).toThrow(
      /w\.safetensors: not a valid safetensors file \(only 5 bytes/,
    );
    expect(() => decodeSafetensors(good.slice(0, good.length - 4), 'w.safetensors')).toThrow(/run past the 20 data bytes/);
    expect(() => decodeSafetensors(good.slice(0, 40))).toThrow(/header length \d+ exceeds/);
    const extra = Uint8Array.from([...good, 0]);
    expect(() => decodeSafetensors(extra)).toThrow(/1 trailing bytes/);
    const badJson = good.slice();
    badJson[8] = 0x5b; // '['
    expect(() => decodeSafetensors(badJson)).toThrow(/not UTF-8 JSON/);
    const rewrite = (header: string, dataLen: number) => {
      while ((8 + header.length) % 8 !== 0) header += ' ';
      const out = new Uint8Array(8 + header.length + dataLen);
      new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
      out.set(new TextEncoder().encode(header), 8);
      return out;
    };
    expect(() => decodeSafetensors(rewrite('{"x":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}', 2))).toThrow(
      /unsupported dtype "F16"/,
    );
    expect(() => decodeSafetensors(rewrite('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', 4))).toThrow(
      /4 bytes for shape \[2\] of F32/,
    );
    expect(() => decodeSafetensors(rewrite('{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 8))).toThrow(/hole of 4 bytes/);
    expect(() =>
      decodeSafetensors(
        rewrite('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 8),
      ),
    ).toThrow(/overlaps/);
    expect(() => decodeSafetensors(rewrite('{"__metadata__":{"k":1}}', 0))).toThrow(/"__metadata__.k" is not a string/);
    expect(n).toBeGreaterThan(0);
  });

  it('rejects inconsistent entries when writing', () => {
    expect(() => encodeSafetensors(new Map([['x', { dtype: 'F32', shape: [3], data: new Float32Array(2) }]]))).toThrow(
      /3 elements\) but 2 values/,
    );
    expect(() => encodeSafetensors(new Map([['x', { dtype: 'I32', shape: [1], data: new Float32Array(1) }]]))).toThrow(
      /dtype I32 but its data is a Float32Array/,
    );
  });
});
