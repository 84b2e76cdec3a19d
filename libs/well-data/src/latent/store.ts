import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Dataset, File as H5File } from 'h5wasm/node';
import type { Tensor32 } from '../dataset/sample.js';
import { WellFormatError } from '../errors.js';
import { readNumberAttr, readStringAttr } from '../h5/attrs.js';
import { loadH5wasm, type H5Wasm } from '../h5/load.js';
import { probeHdf5File } from '../h5/probe.js';
import { reopenForAppend } from '../h5/reopen.js';
import { prod } from '../io/assemble.js';
import type { TimeWindow } from '../io/well-file.js';
import { requireDataset } from '../schema/parse.js';
import { PARTIAL_SUFFIX } from '../writer/well-writer.js';
import { ensureParentDir } from '../fs/ensure-dir.js';

/** What a latent cache file records besides the arrays. */
export interface LatentStoreMeta {
  /** Run id of the autoencoder that encoded the states (root attribute `ae_run_id`). */
  aeRunId: string;
  /** Compression rate of that autoencoder (root attribute `compression_rate`). */
  compressionRate: number;
  /** Latent states per trajectory, T. */
  nSteps: number;
  /** Shape of one latent state, channels last: `[h, w, c]` (2-D) or `[x, y, z, c]` (3-D). */
  latentShape: number[];
  /** Length of the label vector (constant scalars + BC codes, docs/method.md §5). */
  labelDim: number;
}

const nonNegInts = (a: readonly number[]) => a.every((n) => Number.isInteger(n) && n >= 1);

/**
 * Creates a latent cache (docs/method.md §3): HDF5 `state` float32 `[n_traj, T, *latentShape]` and
 * `label` float32 `[n_traj, labelDim]`, written one trajectory at a time into resizable chunked
 * datasets, plus root attributes `ae_run_id` and `compression_rate`. Written to `<path>.partial`
 * and renamed on `close()`; `{ resume: true }` continues an interrupted partial file of the same
 * shape and run id.
 */
export async function createLatentStore(
  path: string,
  meta: LatentStoreMeta,
  options: { resume?: boolean } = {},
): Promise<LatentStoreWriter> {
  if (!meta.aeRunId) throw new WellFormatError(path, 'meta.aeRunId', 'a non-empty autoencoder run id');
  if (!(meta.compressionRate > 0))
    throw new WellFormatError(path, 'meta.compressionRate', 'a positive number', String(meta.compressionRate));
  if (!nonNegInts([meta.nSteps, meta.labelDim, ...meta.latentShape]) || meta.latentShape.length < 2) {
    throw new WellFormatError(
      path,
      'meta',
      'positive integer nSteps, labelDim and latentShape ([h, w, c] or [x, y, z, c])',
      JSON.stringify(meta),
    );
  }
  const h5 = await loadH5wasm();
  const temp = path + PARTIAL_SUFFIX;
  if (options.resume && existsSync(temp)) {
    const r = resumeLatent(h5, temp, meta);
    if (r) return new LatentStoreWriter(path, temp, r.file, meta, r.n);
  }
  ensureParentDir(path, 'latent store directory');
  rmSync(temp, { force: true });
  const f = new h5.File(temp, 'w');
  if (f.file_id < 0n) throw new WellFormatError(temp, '/', 'a writable location for the HDF5 file', 'HDF5 could not create it');
  f.create_attribute('ae_run_id', meta.aeRunId);
  f.create_attribute('compression_rate', meta.compressionRate, null, '<d');
  const tail = [meta.nSteps, ...meta.latentShape];
  f.create_dataset({
    name: 'state',
    data: new Float32Array(0),
    shape: [0, ...tail],
    maxshape: [null, ...tail],
    chunks: [1, 1, ...meta.latentShape],
  });
  f.create_dataset({
    name: 'label',
    data: new Float32Array(0),
    shape: [0, meta.labelDim],
    maxshape: [null, meta.labelDim],
    chunks: [64, meta.labelDim],
  });
  f.flush();
  return new LatentStoreWriter(path, temp, f, meta, 0);
}

function resumeLatent(h5: H5Wasm, temp: string, meta: LatentStoreMeta): { file: H5File; n: number } | null {
  const f = reopenForAppend(h5, temp);
  if (!f) return null;
  const state = f.get('state') as Dataset | null;
  const label = f.get('label') as Dataset | null;
  const shape = state?.shape;
  const same =
    shape &&
    label?.shape &&
    f.attrs['ae_run_id']?.value === meta.aeRunId &&
    JSON.stringify(shape.slice(1)) === JSON.stringify([meta.nSteps, ...meta.latentShape]) &&
    label.shape[1] === meta.labelDim;
  if (!same) {
    f.close();
    throw new WellFormatError(
      temp,
      '/',
      `a partial latent cache with run id '${meta.aeRunId}' and state shape [n, ${meta.nSteps}, ${meta.latentShape.join(', ')}] (delete it to start over)`,
      'a different one',
    );
  }
  const n = Math.min(shape[0]!, label.shape![0]!);
  state.resize([n, ...shape.slice(1)]);
  label.resize([n, meta.labelDim]);
  return { file: f, n };
}

/** Appends encoded trajectories to a latent cache; see `createLatentStore`. */
export class LatentStoreWriter {
  private open = true;

  constructor(
    readonly path: string,
    readonly tempPath: string,
    private readonly f: H5File,
    readonly meta: LatentStoreMeta,
    private count: number,
  ) {}

  /** Trajectories stored so far (including those kept from a resumed partial file). */
  get nTrajectories(): number {
    return this.count;
  }

  /** Appends one trajectory: `states` `[T, *latentShape]` (row-major), `label` `[labelDim]`. */
  async append(states: ArrayLike<number>, label: ArrayLike<number>): Promise<void> {
    if (!this.open) throw new Error(`${this.path}: latent store writer is closed`);
    const m = this.meta;
    const n = m.nSteps * prod(m.latentShape);
    if (states.length !== n)
      throw new WellFormatError(this.path, 'append.states', `${n} values [T=${m.nSteps}, ${m.latentShape.join(', ')}]`, `${states.length}`);
    if (label.length !== m.labelDim) throw new WellFormatError(this.path, 'append.label', `${m.labelDim} values`, `${label.length}`);
    const i = this.count;
    const state = this.f.get('state') as Dataset;
    const lab = this.f.get('label') as Dataset;
    state.resize([i + 1, m.nSteps, ...m.latentShape]);
    state.write_slice([[i, i + 1]], states instanceof Float32Array ? states : Float32Array.from(states));
    lab.resize([i + 1, m.labelDim]);
    lab.write_slice([[i, i + 1]], Float32Array.from(label));
    this.count = i + 1;
    this.f.flush();
  }

  /** Closes the file and renames `<path>.partial` to `path`. */
  async close(): Promise<void> {
    if (!this.open) return;
    this.f.close();
    this.open = false;
    renameSync(this.tempPath, this.path);
  }

  /** Closes and deletes the partial file. */
  async abort(): Promise<void> {
    if (this.open) this.f.close();
    this.open = false;
    rmSync(this.tempPath, { force: true });
  }
}

/** Opens a latent cache read-only and validates its layout. */
export async function openLatentStore(path: string): Promise<LatentStore> {
  probeHdf5File(path);
  const h5 = await loadH5wasm();
  const f = new h5.File(path, 'r');
  if (f.file_id < 0n) throw new WellFormatError(path, '/', 'an HDF5 file that HDF5 can open', 'a corrupt file');
  try {
    const root = { file: path, obj: f };
    const aeRunId = readStringAttr(root, 'ae_run_id');
    const compressionRate = readNumberAttr(root, 'compression_rate');
    const state = requireDataset(f, path, '/state', 'latent state dataset');
    const label = requireDataset(f, path, '/label', 'label dataset');
    for (const ds of [state, label]) {
      const m = ds.metadata;
      if (m.type !== 1 || m.size !== 4) throw new WellFormatError(path, ds.path, 'float32 data', `dtype ${String(ds.dtype)}`);
    }
    const s = (state.shape ?? []).map(Number);
    const l = (label.shape ?? []).map(Number);
    if (s.length < 4) throw new WellFormatError(path, '/state', 'shape [n_traj, T, *spatial, c]', `[${s.join(', ')}]`);
    if (l.length !== 2 || l[0] !== s[0])
      throw new WellFormatError(path, '/label', `shape [${s[0]}, d] (one label per trajectory)`, `[${l.join(', ')}]`);
    const meta: LatentStoreMeta = { aeRunId, compressionRate, nSteps: s[1]!, latentShape: s.slice(2), labelDim: l[1]! };
    return new LatentStore(path, f, meta, s[0]!);
  } catch (err) {
    f.close();
    throw err;
  }
}

/** An open latent cache: trajectory / time-window reads of `state`, per-trajectory `label`. */
export class LatentStore {
  private closed = false;

  constructor(
    readonly path: string,
    private readonly f: H5File,
    readonly meta: LatentStoreMeta,
    readonly nTrajectories: number,
  ) {}

  private check(traj: number): void {
    if (this.closed) throw new Error(`${this.path}: latent store is closed`);
    if (!Number.isInteger(traj) || traj < 0 || traj >= this.nTrajectories)
      throw new RangeError(`${this.path}: trajectory ${traj} out of range [0, ${this.nTrajectories})`);
  }

  /** States `start + k * stride` (k < count) of trajectory `traj`: `[count, *latentShape]`. */
  readStates(traj: number, window: TimeWindow = {}): Tensor32 {
    this.check(traj);
    const T = this.meta.nSteps;
    const start = window.start ?? 0;
    const stride = window.stride ?? 1;
    const count = window.count ?? Math.floor((T - 1 - start) / stride) + 1;
    if (start < 0 || stride < 1 || count < 1 || start + (count - 1) * stride >= T) {
      throw new RangeError(`${this.path}: time window start=${start} count=${count} stride=${stride} outside [0, ${T})`);
    }
    const ds = this.f.get('state') as Dataset;
    const data = ds.slice([
      [traj, traj + 1],
      [start, start + (count - 1) * stride + 1, stride],
    ]) as Float32Array;
    return { data, shape: [count, ...this.meta.latentShape] };
  }

  /** Label of trajectory `traj`. */
  readLabel(traj: number): Float32Array {
    this.check(traj);
    return (this.f.get('label') as Dataset).slice([[traj, traj + 1]]) as Float32Array;
  }

  close(): void {
    if (!this.closed) this.f.close();
    this.closed = true;
  }
}
