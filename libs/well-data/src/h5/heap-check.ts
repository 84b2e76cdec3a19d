import fs from 'node:fs';

/**
 * Checks each global heap collection (`GCOL`, where HDF5 keeps variable-length strings) as HDF5 reads
 * it from disk, before HDF5 parses it (docs/bad-inputs.md, damaged global heap). HDF5 walks a
 * collection's objects by their recorded sizes; a damaged size of 0 (or one that wraps a 32-bit
 * wasm pointer) makes that walk never end, inside wasm code no JS can interrupt. A collection whose
 * walk would not advance or would leave the collection, or that would end past the end of the file
 * (HDF5 allocates it whole first; a huge size aborts the module), gets its signature blanked in the buffer
 * handed to HDF5, so HDF5 reports a bad signature and the guard (`guard.ts`) throws one
 * `WellFormatError` carrying the reason recorded here.
 *
 * h5wasm's Node build reads files with `fs.readSync`; the check wraps it once, and looks only at
 * reads that start with a version-1 `GCOL` header and are as long as the collection or HDF5's first
 * 4 KiB load of it, so other reads pass untouched.
 */
export function installHeapCheck(): void {
  if (installed) return;
  installed = true;
  const original = fs.readSync;
  const checked = function (this: unknown, ...args: unknown[]): number {
    const n = (original as (...a: unknown[]) => number).apply(this, args);
    const [fd, buffer, offset, , position] = args;
    if (n >= HEADER && ArrayBuffer.isView(buffer) && typeof offset === 'number') {
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, n);
      const reason = looksLikeCollection(bytes) ? (beyondEnd(bytes, fd, position) ?? checkCollection(bytes)) : null;
      if (reason) {
        damage = `global heap collection at byte ${typeof position === 'number' || typeof position === 'bigint' ? String(position) : '?'}: ${reason}`;
        bytes.fill(0, 0, 4);
      }
    }
    return n;
  };
  (fs as { readSync: unknown }).readSync = checked;
}

/** The damage found since the last call, if any (and forgets it). */
export function takeHeapDamage(): string | null {
  const d = damage;
  damage = null;
  return d;
}

let installed = false;
let damage: string | null = null;

/** Collection header: signature, version, 3 reserved bytes, collection size (8 bytes). */
const HEADER = 16;
/** Object header: index (2), reference count (2), reserved (4), object size (8). */
const OBJECT_HEADER = 16;
/** HDF5's first load of a collection (H5HG minimum collection size). */
const FIRST_LOAD = 4096;

function u64(bytes: Uint8Array, at: number): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigUint64(0, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** A collection said to end past the end of the file (HDF5 would first try to allocate it all and abort). */
function beyondEnd(b: Uint8Array, fd: unknown, position: unknown): string | null {
  if (typeof fd !== 'number' || (typeof position !== 'number' && typeof position !== 'bigint')) return null;
  const size = u64(b, 8);
  const fileSize = fs.fstatSync(fd).size;
  return Number(position) + size > fileSize ? `collection size ${size} runs past the end of the file (${fileSize} bytes)` : null;
}

function looksLikeCollection(b: Uint8Array): boolean {
  if (b[0] !== 0x47 || b[1] !== 0x43 || b[2] !== 0x4f || b[3] !== 0x4c || b[4] !== 1) return false;
  const size = u64(b, 8);
  return b.length === size || b.length === FIRST_LOAD;
}

/**
 * Why HDF5's walk over the objects of the collection in `b` would not end, or null. Objects lying
 * past the bytes read (HDF5's first 4 KiB of a larger collection) are checked on the full read.
 */
export function checkCollection(b: Uint8Array): string | null {
  const size = u64(b, 8);
  if (size < FIRST_LOAD) return `collection size ${size} below HDF5's minimum ${FIRST_LOAD}`;
  const end = size;
  const have = Math.min(b.length, end);
  let p = HEADER;
  while (p + OBJECT_HEADER <= have) {
    const index = b[p]! | (b[p + 1]! << 8);
    const objectSize = u64(b, p + 8);
    // Used objects: header + data padded to 8 bytes; free space (index 0): its size covers its header.
    const step = index > 0 ? OBJECT_HEADER + Math.ceil(objectSize / 8) * 8 : objectSize;
    if (step < OBJECT_HEADER) return `object ${index} at +${p} has size ${objectSize}`;
    if (p + step > end) return `object ${index} at +${p} (size ${objectSize}) runs past the collection's ${end} bytes`;
    p += step;
  }
  return null;
}
