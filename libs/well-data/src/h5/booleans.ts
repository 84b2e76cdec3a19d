import { readFileSync, writeFileSync } from 'node:fs';
import type { Dataset, Group } from 'h5wasm/node';
import { findHeaderChunks, indexOf, resealChunk, type HeaderChunk } from './object-headers.js';

/**
 * The ONE place that decides how booleans are written (docs/well-format.md §3.3).
 *
 * h5py writes numpy booleans as an HDF5 enum over int8 {FALSE = 0, TRUE = 1}, and The Well's format
 * checker requires that type for `sample_varying`, `time_varying` and the entries of `dim_varying`.
 * h5wasm 0.10 cannot create enum types, but it can create compound types. So booleans are written
 * in two steps:
 * 1. as a placeholder compound type with one int8 member (`PLACEHOLDER_MEMBER`, offset 0, size 1):
 *    its stored values are the same bytes as the enum's, and its datatype message encodes to
 *    exactly the enum's 33 bytes;
 * 2. once the file is closed, `sealBooleans` swaps each placeholder datatype message for the enum's
 *    in place and recomputes the lookup3 checksum of the object header chunk holding it. Nothing
 *    moves; HDF5, h5wasm and h5py then read the flags as booleans.
 * The reader still accepts plain int8 flags (older files) and any integer.
 */
export const BOOL_DTYPE = '<b';

/** Name of the int8 member of the placeholder compound type (11 characters: see `ENUM_BYTES`). */
export const PLACEHOLDER_MEMBER = 'lola_bool_0';

const PLACEHOLDER_DTYPE = [[PLACEHOLDER_MEMBER, BOOL_DTYPE]] as [string, string][];

/** int8 as HDF5 encodes it: fixed-point, version 1, signed, size 1, offset 0, precision 8. */
const INT8 = [0x10, 0x08, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 8, 0];

/** Datatype message of the placeholder: compound version 3, one member at offset 0 (1 byte). */
const PLACEHOLDER_BYTES = Uint8Array.from([0x36, 1, 0, 0, 1, 0, 0, 0, ...new TextEncoder().encode(PLACEHOLDER_MEMBER), 0, 0, ...INT8]);

/** Datatype message of h5py's boolean: enum version 3, 2 members over int8, names then values. */
const ENUM_BYTES = Uint8Array.from([0x38, 2, 0, 0, 1, 0, 0, 0, ...INT8, ...new TextEncoder().encode('FALSE\0TRUE\0'), 0, 1]);

if (PLACEHOLDER_BYTES.length !== ENUM_BYTES.length) throw new Error('boolean placeholder and enum datatype differ in size');

/** Encodes booleans as stored values. */
export function encodeBools(values: readonly boolean[]): Int8Array {
  return Int8Array.from(values, (b) => (b ? 1 : 0));
}

const column = (values: readonly boolean[]) => new Map([[PLACEHOLDER_MEMBER, encodeBools(values)]]);

/** Writes a scalar boolean attribute (a placeholder until `sealBooleans`). */
export function writeBoolAttr(obj: Group | Dataset, name: string, value: boolean): void {
  obj.create_attribute(name, column([value]), [], PLACEHOLDER_DTYPE);
}

/** Writes a 1-D boolean array attribute (`dim_varying`; a placeholder until `sealBooleans`). */
export function writeBoolListAttr(obj: Group | Dataset, name: string, values: readonly boolean[]): void {
  obj.create_attribute(name, column(values), [values.length], PLACEHOLDER_DTYPE);
}

/** Writes a boolean dataset (a boundary `mask`; a placeholder until `sealBooleans`). */
export function writeBoolDataset(group: Group, name: string, values: readonly boolean[], shape: number[]): Dataset {
  return group.create_dataset({ name, data: column(values), shape, dtype: PLACEHOLDER_DTYPE });
}

/**
 * Turns every placeholder boolean of the closed HDF5 file at `path` into h5py's enum boolean, in
 * place, and returns how many it changed. Reads the whole file: call it while the file holds only
 * metadata (the Well writer seals right after writing the layout). Throws when a placeholder lies
 * outside a checksummed object header chunk (e.g. attributes moved to dense storage), leaving the
 * file untouched.
 */
export function sealBooleans(path: string): number {
  const file = new Uint8Array(readFileSync(path));
  const at: number[] = [];
  for (let i = indexOf(file, PLACEHOLDER_BYTES, 0); i >= 0; i = indexOf(file, PLACEHOLDER_BYTES, i + 1)) at.push(i);
  if (!at.length) return 0;
  const chunks = findHeaderChunks(file);
  const touched = new Set<HeaderChunk>();
  for (const i of at) {
    const chunk = chunks.find((c) => c.start <= i && i + PLACEHOLDER_BYTES.length <= c.end - 4);
    if (!chunk) throw new Error(`${path}: boolean placeholder at byte ${i} is outside the object headers; cannot write it as an enum`);
    touched.add(chunk);
  }
  for (const i of at) file.set(ENUM_BYTES, i);
  for (const chunk of touched) resealChunk(file, chunk);
  writeFileSync(path, file);
  return at.length;
}
