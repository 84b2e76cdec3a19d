import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WellFormatError } from '../errors.js';
import { openWellFile, type WellFile } from '../io/well-file.js';
import { openAll } from './open-all.js';

export type WellSplit = 'train' | 'valid' | 'test';

/** A split directory and the dataset root that holds `stats.yaml`. */
export interface WellSplitLocation {
  splitDir: string;
  datasetRoot: string;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * Resolves a dataset path: `<root>/data/<split>` (The Well's layout), `<root>/<split>`, or, without
 * a split, a directory of HDF5 files itself (its dataset root is two levels up when it sits in
 * `data/<split>`).
 */
export function resolveWellSplit(path: string, split?: WellSplit): WellSplitLocation {
  const p = resolve(path);
  if (split) {
    if (isDir(join(p, 'data', split))) return { splitDir: join(p, 'data', split), datasetRoot: p };
    if (isDir(join(p, split))) return { splitDir: join(p, split), datasetRoot: p };
    throw new WellFormatError(p, `data/${split}`, `a split directory (${join(p, 'data', split)})`, 'missing');
  }
  if (!isDir(p)) throw new WellFormatError(p, '/', 'a directory of HDF5 files', existsSync(p) ? 'a file' : 'missing');
  const parts = p.split('/');
  const inData = parts.length >= 3 && parts[parts.length - 2] === 'data';
  return { splitDir: p, datasetRoot: inData ? parts.slice(0, -2).join('/') : p };
}

/**
 * HDF5 files of a split directory: `*.h5` and `*.hdf5`, sorted lexicographically, with The Well's
 * substring `includeFilters` (keep if any matches) and `excludeFilters` (drop if any matches).
 * Partial files being written (`*.partial`) never match.
 */
export function findWellFiles(dir: string, filters: { includeFilters?: string[]; excludeFilters?: string[] } = {}): string[] {
  if (!isDir(dir)) throw new WellFormatError(dir, '/', 'a directory of HDF5 files', existsSync(dir) ? 'a file' : 'missing');
  let files = readdirSync(dir)
    .filter((n) => n.endsWith('.h5') || n.endsWith('.hdf5'))
    .map((n) => join(dir, n))
    .sort();
  const inc = filters.includeFilters ?? [];
  const exc = filters.excludeFilters ?? [];
  if (inc.length) files = files.filter((f) => inc.some((s) => f.includes(s)));
  if (exc.length) files = files.filter((f) => !exc.some((s) => f.includes(s)));
  if (files.length === 0) throw new WellFormatError(dir, '/', 'at least one *.hdf5 or *.h5 file (after filters)', 'none');
  return files;
}

/**
 * Opens every file and checks that they agree on `dataset_name`, `n_spatial_dims` and resolution
 * (The Well asserts the same), and on the field and scalar layout (which its loader takes from the
 * first file). On error, every file opened so far is closed.
 */
export async function openWellFiles(paths: readonly string[]): Promise<WellFile[]> {
  return openAll(paths, openWellFile, (f, firstFile, p) => {
    const a = firstFile.schema;
    const b = f.schema;
    const first = firstFile.path;
    if (b.datasetName !== a.datasetName)
      throw new WellFormatError(p, '/@dataset_name', `'${a.datasetName}' as in ${first}`, `'${b.datasetName}'`);
    if (b.nSpatialDims !== a.nSpatialDims)
      throw new WellFormatError(p, '/@n_spatial_dims', `${a.nSpatialDims} as in ${first}`, String(b.nSpatialDims));
    if (b.resolution.join() !== a.resolution.join())
      throw new WellFormatError(p, '/dimensions', `resolution [${a.resolution.join(', ')}] as in ${first}`, `[${b.resolution.join(', ')}]`);
    const layout = (s: typeof a) =>
      JSON.stringify([s.fields.map((x) => [x.name, x.order, x.timeVarying]), s.scalars.map((x) => [x.name, x.timeVarying])]);
    if (layout(b) !== layout(a))
      throw new WellFormatError(p, '/t*_fields, /scalars', `the fields and scalars of ${first}`, 'a different layout');
  });
}
