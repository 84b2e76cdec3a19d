import { lookup3 } from './lookup3.js';

/** A checksummed chunk of a version-2 object header: bytes `[start, end)`, checksum in the last 4. */
export interface HeaderChunk {
  start: number;
  end: number;
}

/**
 * Finds the version-2 object header chunks (`OHDR` chunk 0 and the `OCHK` continuation chunks it
 * points to) of a small HDF5 file held in memory, following the HDF5 file-format specification's
 * layout of object header prefixes and messages. A candidate counts only when its stored lookup3
 * checksum matches, so bytes that merely look like a signature (inside raw data) are ignored.
 */
export function findHeaderChunks(file: Uint8Array): HeaderChunk[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const { offsetSize, lengthSize, base } = superblockSizes(file, view);
  const chunks: HeaderChunk[] = [];
  const readUint = (at: number, size: number): number => {
    if (size === 8) return Number(view.getBigUint64(at, true));
    if (size === 4) return view.getUint32(at, true);
    if (size === 2) return view.getUint16(at, true);
    return file[at]!;
  };
  /** Continuation chunks named by the messages in `[from, to)`; `orderBytes` per message header. */
  const continuations = (from: number, to: number, orderBytes: number): HeaderChunk[] => {
    const out: HeaderChunk[] = [];
    let p = from;
    const headerLen = 4 + orderBytes;
    while (p + headerLen <= to) {
      const type = file[p]!;
      const size = view.getUint16(p + 1, true);
      const body = p + headerLen;
      if (body + size > to) break;
      if (type === 0x10 && size >= offsetSize + lengthSize) {
        const start = base + readUint(body, offsetSize);
        const len = readUint(body + offsetSize, lengthSize);
        out.push({ start, end: start + len });
      }
      p = body + size;
    }
    return out;
  };
  const valid = (c: HeaderChunk): boolean =>
    c.start >= 0 &&
    c.end <= file.length &&
    c.end - c.start >= 8 &&
    lookup3(file.subarray(c.start, c.end - 4)) === view.getUint32(c.end - 4, true);

  for (let at = indexOf(file, OHDR, 0); at >= 0; at = indexOf(file, OHDR, at + 4)) {
    if (at + 7 > file.length || file[at + 4] !== 2) continue;
    const flags = file[at + 5]!;
    let p = at + 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const sizeBytes = 1 << (flags & 3);
    if (p + sizeBytes > file.length) continue;
    const size = readUint(p, sizeBytes);
    p += sizeBytes;
    const chunk0 = { start: at, end: p + size + 4 };
    if (!valid(chunk0)) continue;
    chunks.push(chunk0);
    const orderBytes = flags & 0x04 ? 2 : 0;
    const queue = continuations(p, chunk0.end - 4, orderBytes);
    for (let c = queue.shift(); c; c = queue.shift()) {
      if (!valid(c) || indexOf(file.subarray(c.start, c.start + 4), OCHK, 0) !== 0) continue;
      chunks.push(c);
      queue.push(...continuations(c.start + 4, c.end - 4, orderBytes));
    }
  }
  return chunks;
}

/** Writes the lookup3 checksum of `chunk` into its last four bytes. */
export function resealChunk(file: Uint8Array, chunk: HeaderChunk): void {
  const sum = lookup3(file.subarray(chunk.start, chunk.end - 4));
  new DataView(file.buffer, file.byteOffset, file.byteLength).setUint32(chunk.end - 4, sum, true);
}

const OHDR = new TextEncoder().encode('OHDR');
const OCHK = new TextEncoder().encode('OCHK');

/** First index of `needle` in `hay` at or after `from`, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from);
}

/** Sizes of offsets and lengths, and the base address, from the superblock (HDF5 signature at 0). */
function superblockSizes(file: Uint8Array, view: DataView): { offsetSize: number; lengthSize: number; base: number } {
  const version = file[8];
  if (version === 2 || version === 3) {
    const offsetSize = file[9]!;
    const base = offsetSize === 8 ? Number(view.getBigUint64(12, true)) : view.getUint32(12, true);
    return { offsetSize, lengthSize: file[10]!, base };
  }
  if (version === 0 || version === 1) return { offsetSize: file[13]!, lengthSize: file[14]!, base: 0 };
  return { offsetSize: 8, lengthSize: 8, base: 0 };
}
