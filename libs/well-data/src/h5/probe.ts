import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { WellFormatError } from '../errors.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Checks, with plain file reads and before HDF5 sees the file, that `path` exists, carries the HDF5
 * signature (at byte 0, 512, 1024, ... as the HDF5 file-format spec allows for user blocks) and is
 * not shorter than the end-of-file address its superblock records (a truncated copy).
 * h5wasm itself only prints a diagnostic and returns an invalid id for such files.
 */
export function probeHdf5File(path: string): void {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new WellFormatError(path, '/', 'a regular HDF5 file', 'a directory or special file');
    size = st.size;
  } catch (err) {
    if (err instanceof WellFormatError) throw err;
    throw new WellFormatError(path, '/', 'an existing HDF5 file', 'no such file');
  }
  const fd = openSync(path, 'r');
  try {
    let base = -1;
    for (let off = 0; off + 8 <= size; off = off === 0 ? 512 : off * 2) {
      const sig = Buffer.alloc(8);
      readSync(fd, sig, 0, 8, off);
      if (SIGNATURE.every((b, i) => sig[i] === b)) {
        base = off;
        break;
      }
    }
    if (base < 0) {
      throw new WellFormatError(path, '/', 'an HDF5 file (signature \\x89HDF\\r\\n\\x1a\\n)', `no HDF5 signature in ${size} bytes`);
    }
    const head = Buffer.alloc(96);
    const n = readSync(fd, head, 0, head.length, base);
    const eof = superblockEof(head.subarray(0, n));
    if (eof !== null && eof.address + eof.base > size) {
      throw new WellFormatError(
        path,
        '/',
        `a complete HDF5 file of ${eof.address + eof.base} bytes (end-of-file address in the superblock)`,
        `${size} bytes: the file is truncated`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

/** End-of-file address recorded in a superblock (versions 0-3), or null when it cannot be read. */
function superblockEof(sb: Buffer): { base: number; address: number } | null {
  if (sb.length < 12) return null;
  const version = sb[8]!;
  let offsetSize: number;
  let addrStart: number;
  let eofIndex: number; // which address (0-based) after addrStart holds the EOF address
  if (version === 0 || version === 1) {
    offsetSize = sb[13]!;
    addrStart = version === 0 ? 24 : 28;
    eofIndex = 2; // base, free-space info, end of file, driver info
  } else if (version === 2 || version === 3) {
    offsetSize = sb[9]!;
    addrStart = 12;
    eofIndex = 2; // base, superblock extension, end of file, root object header
  } else {
    return null;
  }
  if (offsetSize !== 4 && offsetSize !== 8) return null;
  const readAddr = (i: number): number | null => {
    const at = addrStart + i * offsetSize;
    if (at + offsetSize > sb.length) return null;
    const v = offsetSize === 8 ? sb.readBigUInt64LE(at) : BigInt(sb.readUInt32LE(at));
    const undef = offsetSize === 8 ? 0xffffffffffffffffn : 0xffffffffn;
    return v === undef ? null : Number(v);
  };
  const base = readAddr(0);
  const address = readAddr(eofIndex);
  if (base === null || address === null) return null;
  return { base, address };
}
