import type { Dataset, Group } from 'h5wasm/node';

/**
 * The ONE place that decides how booleans are written.
 *
 * h5py writes Python/numpy booleans as an HDF5 enum on int8 {FALSE=0, TRUE=1}; h5wasm (0.10.x)
 * cannot create enum types. We write booleans as plain int8 0/1 (`'<b'`). The Well's loader only
 * tests flags and masks for truthiness, so it reads these files; The Well's format checker
 * (`check_thewell_formatting.py`) rejects them ("should be a boolean"). Our reader accepts both.
 * To change the representation (e.g. once h5wasm can write enums), change only this file.
 */
export const BOOL_DTYPE = '<b';

/** Encodes booleans as stored values. */
export function encodeBools(values: readonly boolean[]): Int8Array {
  return Int8Array.from(values, (b) => (b ? 1 : 0));
}

/** Writes a scalar boolean attribute. */
export function writeBoolAttr(obj: Group | Dataset, name: string, value: boolean): void {
  obj.create_attribute(name, encodeBools([value]), [], BOOL_DTYPE);
}

/** Writes a 1-D boolean array attribute (`dim_varying`). */
export function writeBoolListAttr(obj: Group | Dataset, name: string, values: readonly boolean[]): void {
  obj.create_attribute(name, encodeBools(values), [values.length], BOOL_DTYPE);
}

/** Writes a boolean dataset (a boundary `mask`). */
export function writeBoolDataset(group: Group, name: string, values: readonly boolean[], shape: number[]): Dataset {
  return group.create_dataset({ name, data: encodeBools(values), shape, dtype: BOOL_DTYPE });
}
