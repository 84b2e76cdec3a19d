import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Dataset, File as H5File, Group } from 'h5wasm/node';
import { WellFormatError } from '../errors.js';
import { sealBooleans, writeBoolAttr, writeBoolDataset, writeBoolListAttr } from '../h5/booleans.js';
import { loadH5wasm } from '../h5/load.js';
import { prod } from '../io/assemble.js';
import type { BoundaryType } from '../schema/types.js';
import { resolveWriteSchema, type ResolvedField, type ResolvedSchema, type WellWriteSchema } from './spec.js';
import { resumePartial } from './resume.js';
import { ensureParentDir } from '../fs/ensure-dir.js';

/** Options of `createWellFile`. */
export interface WellWriteOptions {
  /**
   * Continue a `<path>.partial` left by an interrupted run (same schema): its complete trajectories
   * are kept and `nTrajectories` tells how many. A partial file that cannot be opened is replaced.
   */
  resume?: boolean;
  /** Largest block written in one `write_slice` call, in bytes (default 16 MiB). */
  maxWriteBytes?: number;
}

/** Suffix of the file being written; it is renamed to the final name on `close()`. */
export const PARTIAL_SUFFIX = '.partial';

const EMPTY_LIST = new Float64Array(0);

/**
 * Creates a Well HDF5 file following the writer checklist (docs/well-format.md §7.1) and returns a
 * writer that appends one trajectory at a time into resizable chunked datasets, so a large dataset
 * never has to fit in memory. Writes go to `<path>.partial`; `close()` renames it to `path`, so a
 * file that was not closed never looks complete (and is not matched by `*.hdf5` / `*.h5`).
 *
 * ```ts
 * const w = await createWellFile('data/train/euler_gamma_1.4.hdf5', schema);
 * await w.appendTrajectory({ energy, density, pressure, momentum }); // per trajectory, row-major
 * await w.close();
 * ```
 */
export async function createWellFile(path: string, schema: WellWriteSchema, options: WellWriteOptions = {}): Promise<WellFileWriter> {
  const resolved = resolveWriteSchema(path, schema);
  const h5 = await loadH5wasm();
  const temp = path + PARTIAL_SUFFIX;
  if (options.resume && existsSync(temp)) {
    const resumed = resumePartial(h5, temp, path, resolved);
    if (resumed) return new WellFileWriter(path, temp, resumed.file, resolved, resumed.nTrajectories, options);
  }
  ensureParentDir(path, 'directory of the Well file');
  rmSync(temp, { force: true });
  const f = new h5.File(temp, 'w');
  if (f.file_id < 0n) throw new WellFormatError(temp, '/', 'a writable location for the HDF5 file', 'HDF5 could not create it');
  try {
    writeLayout(f, resolved);
  } catch (err) {
    f.close();
    rmSync(temp, { force: true });
    throw err;
  }
  // Flags become h5py's enum booleans while the file holds only its layout (h5/booleans.ts).
  f.close();
  try {
    sealBooleans(temp);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  const g = new h5.File(temp, 'a');
  if (g.file_id < 0n)
    throw new WellFormatError(temp, '/', 'a Well file HDF5 can reopen after writing its layout', 'HDF5 could not open it');
  return new WellFileWriter(path, temp, g, resolved, 0, options);
}

function writeLayout(f: H5File, r: ResolvedSchema): void {
  const s = r.schema;
  const nd = s.spatialDims.length;
  f.create_attribute('dataset_name', s.datasetName);
  f.create_attribute('grid_type', s.gridType ?? 'cartesian');
  writeInt64Attr(f, 'n_spatial_dims', nd);
  writeInt64Attr(f, 'n_trajectories', 0);
  const params = r.parameters.map(([p]) => p);
  if (params.length) f.create_attribute('simulation_parameters', params);
  else f.create_attribute('simulation_parameters', EMPTY_LIST, [0]);
  for (const [p, v] of r.parameters) f.create_attribute(p, v, null, '<d');

  const dims = f.create_group('dimensions');
  dims.create_attribute('spatial_dims', s.spatialDims);
  const time = dims.create_dataset({ name: 'time', data: Float32Array.from(s.time) });
  writeBoolAttr(time, 'sample_varying', false);
  writeBoolAttr(time, 'time_varying', true);
  for (const d of s.spatialDims) {
    const c = dims.create_dataset({ name: d, data: Float32Array.from(s.coordinates[d]!) });
    writeBoolAttr(c, 'sample_varying', false);
    writeBoolAttr(c, 'time_varying', false);
  }

  const bcs = f.create_group('boundary_conditions');
  s.spatialDims.forEach((d, di) => {
    const spec = s.boundaryConditions[d];
    if (!spec) return;
    const [lo, hi] = typeof spec === 'string' ? [spec, spec] : spec;
    const n = r.resolution[di]!;
    const group = (name: string, type: BoundaryType, lower: boolean, upper: boolean) => {
      const g = bcs.create_group(name);
      g.create_attribute('bc_type', type);
      g.create_attribute('associated_dims', [d]);
      g.create_attribute('associated_fields', EMPTY_LIST, [0]);
      writeBoolAttr(g, 'sample_varying', false);
      writeBoolAttr(g, 'time_varying', false);
      const mask = Array.from({ length: n }, (_, i) => (lower && i === 0) || (upper && i === n - 1));
      writeBoolDataset(g, 'mask', mask, [n]);
    };
    if (lo === hi) group(`${d}_${lo.toLowerCase()}`, lo, true, true);
    else {
      group(`${d}0_${lo.toLowerCase()}`, lo, true, false);
      group(`${d}L_${hi.toLowerCase()}`, hi, false, true);
    }
  });

  const scalars = f.create_group('scalars');
  const scalarNames = [...params, ...r.scalars.map((x) => x.name)];
  if (scalarNames.length) scalars.create_attribute('field_names', scalarNames);
  else scalars.create_attribute('field_names', EMPTY_LIST, [0]);
  for (const [p, v] of r.parameters) flags(scalars.create_dataset({ name: p, data: new Float64Array([v]), shape: [] }), false, false);
  for (const sc of r.scalars) {
    const tv = sc.timeVarying ?? false;
    if (sc.values !== undefined) {
      const data = Float64Array.from(typeof sc.values === 'number' ? [sc.values] : sc.values);
      flags(scalars.create_dataset({ name: sc.name, data, shape: tv ? [r.nSteps] : [] }), false, tv);
    } else {
      const tail = tv ? [r.nSteps] : [];
      const ds = scalars.create_dataset({
        name: sc.name,
        data: new Float64Array(0),
        shape: [0, ...tail],
        maxshape: [null, ...tail],
        chunks: tv ? [1, r.nSteps] : [256],
      });
      flags(ds, true, tv);
    }
  }

  for (const order of [0, 1, 2]) {
    const g = f.create_group(`t${order}_fields`);
    const fs = r.fields.filter((x) => x.order === order);
    if (fs.length)
      g.create_attribute(
        'field_names',
        fs.map((x) => x.name),
      );
    else g.create_attribute('field_names', EMPTY_LIST, [0]);
    for (const x of fs) {
      const chunks = [1, ...x.trajShape];
      if (x.timeVarying) chunks[1] = 1; // one time step per chunk: window reads touch only what they need
      const ds = g.create_dataset({
        name: x.name,
        data: new Float32Array(0),
        shape: [0, ...x.trajShape],
        maxshape: [null, ...x.trajShape],
        chunks,
      });
      flags(ds, true, x.timeVarying);
      writeBoolListAttr(ds, 'dim_varying', x.dimVarying);
    }
  }
}

/** int64 attribute (h5py writes Python ints as int64, dtype `'<q'`; h5wasm's default is int32). */
function writeInt64Attr(obj: Group, name: string, value: number): void {
  obj.create_attribute(name, value, null, '<q');
}

function flags(ds: Dataset | Group, sampleVarying: boolean, timeVarying: boolean): void {
  writeBoolAttr(ds, 'sample_varying', sampleVarying);
  writeBoolAttr(ds, 'time_varying', timeVarying);
}

/** Appends trajectories to a Well file being written; see `createWellFile`. */
export class WellFileWriter {
  private state: 'open' | 'closed' | 'aborted' = 'open';
  private readonly maxWriteBytes: number;

  constructor(
    /** Final path, created by `close()`. */
    readonly path: string,
    /** `<path>.partial`, where the data goes until `close()`. */
    readonly tempPath: string,
    private readonly f: H5File,
    private readonly r: ResolvedSchema,
    private count: number,
    options: WellWriteOptions,
  ) {
    this.maxWriteBytes = options.maxWriteBytes ?? 16 * 2 ** 20;
  }

  /** Trajectories written so far (including those kept from a resumed partial file). */
  get nTrajectories(): number {
    return this.count;
  }

  private check(): void {
    if (this.state !== 'open') throw new Error(`${this.path}: writer is ${this.state}`);
  }

  /**
   * Appends one trajectory. `fields[name]` holds the field's values row-major in the stored layout
   * `[T] + [N_d for each stored axis] + [D]*order` (channels-last, vector/tensor components last);
   * float64 input is cast to float32 here. `scalars[name]` gives each sample-varying scalar (a
   * number, or T numbers if it is time-varying). The file stays a valid Well file after each call.
   */
  async appendTrajectory(
    fields: Record<string, ArrayLike<number>>,
    scalars: Record<string, number | ArrayLike<number>> = {},
  ): Promise<void> {
    this.check();
    const r = this.r;
    for (const name of Object.keys(fields)) {
      if (!r.fields.some((x) => x.name === name))
        throw new WellFormatError(
          this.path,
          `appendTrajectory.fields.${name}`,
          `one of the schema's fields ${JSON.stringify(r.fields.map((x) => x.name))}`,
          'an unknown field',
        );
    }
    const perTraj = r.scalars.filter((x) => x.values === undefined);
    for (const name of Object.keys(scalars)) {
      if (!perTraj.some((x) => x.name === name))
        throw new WellFormatError(
          this.path,
          `appendTrajectory.scalars.${name}`,
          `one of the sample-varying scalars ${JSON.stringify(perTraj.map((x) => x.name))}`,
          'an unknown scalar',
        );
    }
    for (const x of r.fields) {
      const v = fields[x.name];
      const n = prod(x.trajShape);
      if (!v)
        throw new WellFormatError(
          this.path,
          `appendTrajectory.fields.${x.name}`,
          `${n} values [${x.axisNames.join(', ')}] = [${x.trajShape.join(', ')}]`,
          'missing',
        );
      if (v.length !== n)
        throw new WellFormatError(
          this.path,
          `appendTrajectory.fields.${x.name}`,
          `${n} values [${x.axisNames.join(', ')}] = [${x.trajShape.join(', ')}]`,
          `${v.length} values`,
        );
    }
    const scalarData = perTraj.map((sc) => {
      const v = scalars[sc.name];
      const n = sc.timeVarying ? r.nSteps : 1;
      const arr = v === undefined ? undefined : typeof v === 'number' ? [v] : v;
      if (!arr || arr.length !== n) {
        throw new WellFormatError(
          this.path,
          `appendTrajectory.scalars.${sc.name}`,
          sc.timeVarying ? `${n} values (one per step)` : 'a number',
          arr ? `${arr.length} values` : 'missing',
        );
      }
      return { sc, data: Float64Array.from(arr) };
    });

    const i = this.count;
    for (const x of r.fields) this.writeField(x, i, fields[x.name]!);
    for (const { sc, data } of scalarData) {
      const ds = this.f.get(`/scalars/${sc.name}`) as Dataset;
      ds.resize(sc.timeVarying ? [i + 1, r.nSteps] : [i + 1]);
      ds.write_slice([[i, i + 1]], data);
    }
    this.count = i + 1;
    this.f.delete_attribute('n_trajectories');
    writeInt64Attr(this.f, 'n_trajectories', this.count);
    this.f.flush();
  }

  private writeField(x: ResolvedField, i: number, values: ArrayLike<number>): void {
    const ds = this.f.get(`/t${x.order}_fields/${x.name}`) as Dataset;
    ds.resize([i + 1, ...x.trajShape]);
    const frame = prod(x.trajShape.slice(x.timeVarying ? 1 : 0));
    const frames = x.timeVarying ? x.trajShape[0]! : 1;
    const perBlock = Math.max(1, Math.floor(this.maxWriteBytes / (4 * frame)));
    for (let t0 = 0; t0 < frames; t0 += perBlock) {
      const t1 = Math.min(frames, t0 + perBlock);
      const block = toFloat32(values, t0 * frame, t1 * frame);
      ds.write_slice(
        x.timeVarying
          ? [
              [i, i + 1],
              [t0, t1],
            ]
          : [[i, i + 1]],
        block,
      );
    }
  }

  /** Records the trajectory count, closes the file and renames `<path>.partial` to `path`. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.check();
    this.f.close();
    this.state = 'closed';
    renameSync(this.tempPath, this.path);
  }

  /** Closes and deletes the partial file; nothing is left at `path`. */
  async abort(): Promise<void> {
    if (this.state === 'open') this.f.close();
    this.state = 'aborted';
    rmSync(this.tempPath, { force: true });
  }
}

function toFloat32(values: ArrayLike<number>, start: number, end: number): Float32Array {
  if (values instanceof Float32Array) return values.subarray(start, end);
  const out = new Float32Array(end - start);
  for (let k = start; k < end; k++) out[k - start] = values[k]!;
  return out;
}
