/**
 * Every malformed input raises a `WellFormatError` whose message names the file, the HDF5 object
 * path (or YAML key) and what was expected: `<file>: <object>: expected <what>[, got <what>]`.
 */
export class WellFormatError extends Error {
  override readonly name = 'WellFormatError';

  constructor(
    /** The file (HDF5, YAML or directory) the problem was found in. */
    readonly file: string,
    /** HDF5 object path (`/t1_fields/velocity`, `/@n_trajectories` for an attribute) or key. */
    readonly objectPath: string,
    /** What a valid file holds there. */
    readonly expected: string,
    /** What was found instead, when known. */
    readonly got?: string,
  ) {
    super(`${file}: ${objectPath}: expected ${expected}${got !== undefined ? `, got ${got}` : ''}`);
  }
}

/** Object path of attribute `name` on the object at `path` (`/dimensions@spatial_dims`). */
export function attrPath(path: string, name: string): string {
  return `${path}@${name}`;
}

/** Short printable description of a value read from HDF5 (for the `got` part of errors). */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (typeof value === 'bigint') return `${value} (int64)`;
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<unknown> & { constructor: { name: string } };
    const head = Array.from({ length: Math.min(arr.length, 6) }, (_, i) => String(arr[i]));
    return `${arr.constructor.name}(${arr.length}) [${head.join(', ')}${arr.length > 6 ? ', ...' : ''}]`;
  }
  if (Array.isArray(value)) return `[${value.slice(0, 6).map(describe).join(', ')}${value.length > 6 ? ', ...' : ''}]`;
  return String(value);
}
