import type { Dataset, File as H5File } from 'h5wasm/node';
import { WellFormatError } from '../errors.js';
import { guardH5 } from '../h5/guard.js';
import { discardH5wasm, loadH5wasm } from '../h5/load.js';
import { probeHdf5File } from '../h5/probe.js';
import { isStale, markStale } from '../h5/stale.js';
import { constantFields, variableFields } from '../schema/channels.js';
import { parseWellSchema, requireDataset } from '../schema/parse.js';
import type { FieldSchema, WellFileSchema } from '../schema/types.js';
import { prod, scatterField, tiledPointIndex } from './assemble.js';

/** A time window: indices `start + k * stride` for `k < count`. */
export interface TimeWindow {
  start?: number;
  count?: number;
  stride?: number;
}

/** A channels-last float32 block with its shape and channel names. */
export interface ChannelsLast {
  data: Float32Array;
  /** `[nTime, *resolution, C]` for time-varying fields, `[*resolution, C]` for constant fields. */
  shape: number[];
  channels: string[];
}

/** Scalars of one trajectory (window): constant ones as numbers, time-varying ones per step. */
export interface TrajectoryScalars {
  constant: Record<string, number>;
  variable: Record<string, Float64Array>;
}

/**
 * Opens a Well HDF5 file read-only (h5wasm on the real path; nothing is loaded whole), checks that
 * it is a complete HDF5 file and parses + validates its schema (docs/well-format.md §2, §7.2).
 */
export async function openWellFile(path: string): Promise<WellFile> {
  probeHdf5File(path);
  if (isStale(path)) discardH5wasm(); // HDF5 may still hold this file open from a failed read
  const h5 = await loadH5wasm();
  return guardH5(path, '/', 'an HDF5 file that HDF5 can open', () => {
    const f = new h5.File(path, 'r');
    if (f.file_id < 0n) throw new WellFormatError(path, '/', 'an HDF5 file that HDF5 can open', 'a corrupt file');
    try {
      return new WellFile(
        path,
        f,
        guardH5(path, '/', 'a Well file whose metadata HDF5 can read', () => parseWellSchema(f, path)),
      );
    } catch (err) {
      try {
        f.close();
      } catch {
        // the handle of a damaged file may not close cleanly; the parse error is what matters
        markStale(path);
      }
      throw err;
    }
  });
}

/** An open Well file: validated schema plus trajectory / time-window reads as float32 channels-last. */
export class WellFile {
  private closed = false;
  private readonly pointIndex = new Map<string, Int32Array>();

  constructor(
    readonly path: string,
    private readonly h5file: H5File,
    readonly schema: WellFileSchema,
  ) {}

  /** Closes the HDF5 handle (idempotent). */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      guardH5(this.path, '/', 'an HDF5 file that closes cleanly', () => this.h5file.close());
    }
  }

  private readonly datasets = new Map<string, Dataset>();

  private ds(path: string): Dataset {
    if (this.closed) throw new Error(`${this.path}: file is closed`);
    let d = this.datasets.get(path);
    if (!d)
      this.datasets.set(path, (d = guardH5(this.path, path, 'a readable dataset', () => requireDataset(this.h5file, this.path, path))));
    return d;
  }

  private checkTraj(traj: number): void {
    if (!Number.isInteger(traj) || traj < 0 || traj >= this.schema.nTrajectories) {
      throw new RangeError(`${this.path}: trajectory ${traj} out of range [0, ${this.schema.nTrajectories})`);
    }
  }

  /** Resolves a window against `nSteps`, checking bounds. */
  resolveWindow(w: TimeWindow = {}): Required<TimeWindow> {
    const start = w.start ?? 0;
    const stride = w.stride ?? 1;
    const count = w.count ?? Math.floor((this.schema.nSteps - 1 - start) / stride) + 1;
    const last = start + (count - 1) * stride;
    if (![start, stride, count].every(Number.isInteger) || start < 0 || stride < 1 || count < 1 || last >= this.schema.nSteps) {
      throw new RangeError(`${this.path}: time window start=${start} count=${count} stride=${stride} outside [0, ${this.schema.nSteps})`);
    }
    return { start, count, stride };
  }

  private pointsFor(f: FieldSchema): Int32Array {
    const key = f.dimVarying.map(Number).join('');
    let idx = this.pointIndex.get(key);
    if (!idx) this.pointIndex.set(key, (idx = tiledPointIndex(this.schema.resolution, f.dimVarying)));
    return idx;
  }

  /** Raw stored block of a sample/time-varying dataset for one trajectory and window. */
  private readBlock(ds: Dataset, sampleVarying: boolean, timeVarying: boolean, traj: number, w: Required<TimeWindow>): ArrayLike<number> {
    const ranges: [number, number, number?][] = [];
    if (sampleVarying) ranges.push([traj, traj + 1]);
    if (timeVarying) ranges.push([w.start, w.start + (w.count - 1) * w.stride + 1, w.stride]);
    const v = guardH5(this.path, ds.path, 'readable data', () => (ranges.length === 0 ? ds.value : ds.slice(ranges as never)));
    if (typeof v === 'number' || typeof v === 'bigint') return [Number(v)];
    return v as unknown as ArrayLike<number>;
  }

  /**
   * One dataset as stored (no tiling), restricted to trajectory `traj` when it is sample-varying:
   * `[T?] + [N_d if dim_varying] + [D]*K` for a field. Used for statistics.
   */
  readStored(path: string, traj: number): Float32Array {
    const ds = this.ds(path);
    const sv = guardH5(this.path, ds.path, 'a readable sample_varying attribute', () =>
      Boolean(Number(ds.attrs['sample_varying']?.value ?? 0)),
    );
    if (sv) this.checkTraj(traj);
    return Float32Array.from(this.readBlock(ds, sv, false, traj, { start: 0, count: 1, stride: 1 }));
  }

  /** One field, tiled to full resolution: `[nTime, *res, D^K]` (time-varying) or `[*res, D^K]`. */
  readField(name: string, traj: number, window?: TimeWindow): { data: Float32Array; shape: number[] } {
    const f = this.schema.fields.find((x) => x.name === name);
    if (!f) throw new WellFormatError(this.path, '/t*_fields', `a field named '${name}'`, 'none');
    this.checkTraj(traj);
    const w = this.resolveWindow(window);
    const nTime = f.timeVarying ? w.count : 1;
    const K = this.schema.nSpatialDims ** f.order;
    const out = new Float32Array(nTime * prod(this.schema.resolution) * K);
    scatterField(
      this.readBlock(this.ds(f.path), f.sampleVarying, f.timeVarying, traj, w),
      nTime,
      this.pointsFor(f),
      K,
      out,
      K,
      0,
      f.dimVarying.every(Boolean),
    );
    const tail = [...this.schema.resolution, ...Array<number>(f.order).fill(this.schema.nSpatialDims)];
    return { data: out, shape: f.timeVarying ? [nTime, ...tail] : tail };
  }

  private assemble(fields: FieldSchema[], traj: number, w: Required<TimeWindow>, nTime: number): ChannelsLast {
    const channels = fields.flatMap((f) => f.channels);
    const C = channels.length;
    const out = new Float32Array(nTime * prod(this.schema.resolution) * C);
    let c0 = 0;
    for (const f of fields) {
      const K = f.channels.length;
      scatterField(
        this.readBlock(this.ds(f.path), f.sampleVarying, f.timeVarying, traj, w),
        nTime,
        this.pointsFor(f),
        K,
        out,
        C,
        c0,
        f.dimVarying.every(Boolean),
      );
      c0 += K;
    }
    return { data: out, shape: [nTime, ...this.schema.resolution, C], channels };
  }

  /**
   * The time-varying fields of trajectory `traj` over a time window, flattened to channels in The
   * Well's order (t0, t1, t2; `field_names` order; tensor components row-major): `[n, *res, C]`.
   */
  readFields(traj: number, window?: TimeWindow): ChannelsLast {
    this.checkTraj(traj);
    const w = this.resolveWindow(window);
    return this.assemble(variableFields(this.schema), traj, w, w.count);
  }

  /** The constant (not time-varying) fields of trajectory `traj`, tiled: `[*res, C_const]`. */
  readConstantFields(traj: number): ChannelsLast {
    this.checkTraj(traj);
    const r = this.assemble(constantFields(this.schema), traj, { start: 0, count: 1, stride: 1 }, 1);
    return { ...r, shape: [...this.schema.resolution, r.channels.length] };
  }

  /** Scalars of trajectory `traj`; time-varying ones restricted to the window. */
  readScalars(traj: number, window?: TimeWindow): TrajectoryScalars {
    this.checkTraj(traj);
    const w = this.resolveWindow(window);
    const out: TrajectoryScalars = { constant: {}, variable: {} };
    for (const s of this.schema.scalars) {
      const v = Float64Array.from(this.readBlock(this.ds(s.path), s.sampleVarying, s.timeVarying, traj, w));
      if (s.timeVarying) out.variable[s.name] = v;
      else out.constant[s.name] = v[0]!;
    }
    return out;
  }

  /** Every stored value of scalar `name` (all trajectories and steps), row-major. */
  readScalarValues(name: string): Float64Array {
    const sc = this.schema.scalars.find((x) => x.name === name);
    if (!sc) throw new WellFormatError(this.path, '/scalars', `a scalar named '${name}'`, 'none');
    const ds = this.ds(sc.path);
    const v = guardH5(this.path, sc.path, 'readable data', () => ds.value);
    return Float64Array.from(typeof v === 'number' || typeof v === 'bigint' ? [Number(v)] : (v as unknown as ArrayLike<number>));
  }

  /** Time values of trajectory `traj` (all steps). */
  readTime(traj = 0): Float64Array {
    this.checkTraj(traj);
    const ds = this.ds('/dimensions/time');
    return Float64Array.from(this.readBlock(ds, this.schema.timeSampleVarying, false, traj, { start: 0, count: 1, stride: 1 }));
  }

  /** Coordinates of each spatial dim for trajectory `traj`. */
  readCoordinates(traj = 0): Float64Array[] {
    this.checkTraj(traj);
    return this.schema.coordinates.map((c) =>
      Float64Array.from(this.readBlock(this.ds(`/dimensions/${c.name}`), c.sampleVarying, false, traj, { start: 0, count: 1, stride: 1 })),
    );
  }

  /** `meshgrid(*coords, indexing="ij")` stacked last: `[*res, n_spatial_dims]`. */
  readSpaceGrid(traj = 0): { data: Float64Array; shape: number[] } {
    const coords = this.readCoordinates(traj);
    const res = this.schema.resolution;
    const nd = res.length;
    const P = prod(res);
    const data = new Float64Array(P * nd);
    const idx = res.map(() => 0);
    for (let p = 0; p < P; p++) {
      for (let d = 0; d < nd; d++) data[p * nd + d] = coords[d]![idx[d]!]!;
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d]! < res[d]!) break;
        idx[d] = 0;
      }
    }
    return { data, shape: [...res, nd] };
  }
}
