import type { Attribute, Dataset, Group } from 'h5wasm/node';
import { WellFormatError, attrPath, describe } from '../errors.js';

/** An HDF5 object (group or dataset) whose attributes we read, with the file it lives in. */
export interface AttrSource {
  file: string;
  obj: Group | Dataset;
}

function getAttr(src: AttrSource, name: string): Attribute | undefined {
  return src.obj.attrs[name];
}

function missing(src: AttrSource, name: string, what: string): never {
  throw new WellFormatError(src.file, attrPath(src.obj.path, name), `attribute '${name}' (${what})`, 'missing');
}

/** True when the attribute exists. */
export function hasAttr(src: AttrSource, name: string): boolean {
  return getAttr(src, name) !== undefined;
}

/** A string attribute (vlen or fixed-length). */
export function readStringAttr(src: AttrSource, name: string): string {
  const a = getAttr(src, name);
  if (!a) missing(src, name, 'a string');
  const v = a.value;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
  throw new WellFormatError(src.file, attrPath(src.obj.path, name), 'a string', describe(v));
}

/**
 * A list-of-strings attribute. Accepts what real files hold: a string array, an empty array of any
 * dtype (h5py writes `[]` as an empty float64 array) and, as The Well's dummy writer does, a bare
 * string standing for a one-element list.
 */
export function readStringListAttr(src: AttrSource, name: string, opts: { optional?: boolean } = {}): string[] {
  const a = getAttr(src, name);
  if (!a) {
    if (opts.optional) return [];
    missing(src, name, 'a list of strings');
  }
  const v = a.value;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  if ((ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === 0) return [];
  throw new WellFormatError(src.file, attrPath(src.obj.path, name), 'a list of strings', describe(v));
}

function truthy(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  return undefined;
}

/**
 * A boolean attribute. h5py writes HDF5 enums (h5wasm gives 0/1); our writer writes int8
 * (`booleans.ts`). Both are read by truthiness, as The Well's loader does.
 */
export function readBoolAttr(src: AttrSource, name: string, opts: { default?: boolean } = {}): boolean {
  const a = getAttr(src, name);
  if (!a) {
    if (opts.default !== undefined) return opts.default;
    missing(src, name, 'a boolean');
  }
  const v = a.value;
  let b = truthy(v);
  if (b === undefined && (ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === 1) {
    b = truthy((v as ArrayLike<unknown>)[0]);
  }
  if (b === undefined) throw new WellFormatError(src.file, attrPath(src.obj.path, name), 'a boolean (HDF5 enum or integer)', describe(v));
  return b;
}

/** A list-of-booleans attribute of the given length (`dim_varying`). */
export function readBoolListAttr(src: AttrSource, name: string, length: number): boolean[] {
  const a = getAttr(src, name);
  if (!a) missing(src, name, `a list of ${length} booleans`);
  const v = a.value;
  const list = ArrayBuffer.isView(v) || Array.isArray(v) ? Array.from(v as ArrayLike<unknown>) : [v];
  const out = list.map(truthy);
  if (out.length !== length || out.some((b) => b === undefined)) {
    throw new WellFormatError(src.file, attrPath(src.obj.path, name), `a list of ${length} booleans`, describe(v));
  }
  return out as boolean[];
}

/** A numeric attribute; int64 attributes arrive as BigInt and are converted with `Number()`. */
export function readNumberAttr(src: AttrSource, name: string, opts: { integer?: boolean } = {}): number {
  const a = getAttr(src, name);
  const what = opts.integer ? 'an integer' : 'a number';
  if (!a) missing(src, name, what);
  let v: unknown = a.value;
  if ((ArrayBuffer.isView(v) || Array.isArray(v)) && (v as ArrayLike<unknown>).length === 1) v = (v as ArrayLike<unknown>)[0];
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (Number.isNaN(n) || (opts.integer && !Number.isInteger(n))) {
    throw new WellFormatError(src.file, attrPath(src.obj.path, name), what, describe(a.value));
  }
  return n;
}
