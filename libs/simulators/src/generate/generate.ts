/**
 * Dataset generation: runs a {@link SimulatorSystem} for every parameter set and writes The Well's
 * layout (`docs/well-format.md` §1, §7.1) through `@lola-ts/well-data`:
 *
 * ```
 * <out>/<dataset_name>/data/{train,valid,test}/<dataset_name>_<label>.hdf5
 * <out>/<dataset_name>/stats.yaml, <dataset_name>.yaml, generate.json
 * ```
 *
 * - One file per parameter set and split; each set's `trajectories` are split 0.8/0.1/0.1
 *   (valid and test get round(0.1·n) each, train the rest; an empty split gets no file).
 * - Trajectories are appended one at a time, in order. Each one's random stream depends only on
 *   (seed, dataset, label, index), so the data are the same for any number of workers.
 * - Resume: files are written as `*.partial` and renamed when complete (well-data's writer), so a
 *   finished-looking `*.hdf5` is always complete; an interrupted run continues the partial file
 *   after its last complete trajectory. `generate.json` records the options (a rerun with
 *   different options is refused) and the per-file progress.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeDatasetStats,
  createWellFile,
  findWellFiles,
  openWellFiles,
  wellMetadata,
  writeMetadataYaml,
  type WellFileWriter,
  type WellWriteSchema,
} from '@lola-ts/well-data';
import { createSystem } from '../registry.js';
import type { SimulatorSystem, SystemOptions } from '../system.js';
import { createRunner } from './pool.js';
import type { TrajectoryJob, TrajectoryResult } from './trajectory.js';
import { ensureDir } from '@lola-ts/well-data';

export type SplitName = 'train' | 'valid' | 'test';
export const SPLITS: readonly SplitName[] = ['train', 'valid', 'test'];

export interface GenerateOptions {
  /** System id (`euler`, `gray-scott`, `rayleigh-benard`). */
  system: string;
  /** Base directory; the dataset goes to `<out>/<dataset_name>/`. */
  out: string;
  /** Resolution, frames, boundary condition, parameter overrides (see each system). */
  systemOptions?: SystemOptions;
  /** Trajectories per parameter set (per file family), split 0.8/0.1/0.1. */
  trajectories: number;
  seed: number;
  /** Worker threads; 0 runs in the calling thread. */
  workers: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  /** Trajectories finished (including those found complete from an earlier run). */
  done: number;
  total: number;
  /** Trajectories found already written when this run started. */
  resumed: number;
  /** Fraction of the whole job done, counting the frames of trajectories in progress. */
  fraction: number;
  /** The file being written (path relative to the dataset directory). */
  file: string;
}

export interface GenerateSummary {
  datasetDir: string;
  datasetName: string;
  /** Every data file of the dataset, relative to the dataset directory. */
  files: string[];
  written: number;
  resumed: number;
  /** Trajectories whose first initial condition diverged and was redrawn. */
  redrawn: number;
}

/** Trajectory counts per split: valid = test = round(0.1·n), train = the rest. */
export function splitCounts(n: number): Record<SplitName, number> {
  const valid = Math.round(0.1 * n);
  const test = Math.round(0.1 * n);
  return { train: n - valid - test, valid, test };
}

interface Group {
  setIndex: number;
  split: SplitName;
  /** Global index of the group's first trajectory within its parameter set. */
  first: number;
  count: number;
  rel: string;
  path: string;
  writer: WellFileWriter | null;
}

interface Sidecar {
  format: 'lola-ts.generate/1';
  system: string;
  datasetName: string;
  options: Record<string, unknown>;
  state: 'running' | 'complete';
  files: Record<string, number>;
}

function writeJsonAtomic(path: string, value: unknown): void {
  writeFileSync(path + '.tmp', JSON.stringify(value, null, 2) + '\n');
  renameSync(path + '.tmp', path);
}

/** JSON with object keys sorted at every level (for comparing option records). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The writer schema of one file of `system` with parameter set `setIndex`. */
export function wellSchema(system: SimulatorSystem, setIndex: number): WellWriteSchema {
  const set = system.parameterSets[setIndex]!;
  const coordinates: Record<string, Float64Array> = {};
  system.spatialDims.forEach((d, i) => (coordinates[d] = system.coordinates[i]!));
  const boundaryConditions: WellWriteSchema['boundaryConditions'] = {};
  for (const b of system.boundaryConditions) boundaryConditions[b.dim] = b.type;
  return {
    datasetName: system.datasetName,
    spatialDims: [...system.spatialDims],
    coordinates,
    time: system.times,
    boundaryConditions,
    parameters: { ...set.values },
    fields: system.fields.map((f) => ({ name: f.name, order: f.order })),
  };
}

/**
 * Writes `stats.yaml` (train split, The Well's algorithm, `docs/well-format.md` §4.2) and
 * `<dataset_name>.yaml` (metadata of the valid split as The Well computes it, or of the train split
 * when valid is empty) through well-data. The std > 1e-4 check is not enforced: the statistics of
 * whatever was generated are written.
 */
export async function writeDatasetYamls(datasetDir: string): Promise<void> {
  await computeDatasetStats(datasetDir, { allowLowStd: true });
  const hasFiles = (dir: string) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.hdf5') || f.endsWith('.h5'));
  const valid = join(datasetDir, 'data', 'valid');
  const paths = findWellFiles(hasFiles(valid) ? valid : join(datasetDir, 'data', 'train'));
  const files = await openWellFiles(paths);
  try {
    writeMetadataYaml(datasetDir, wellMetadata(files));
  } finally {
    for (const f of files) f.close();
  }
}

/** Generates (or resumes) a dataset; see the module comment. */
export async function generateDataset(o: GenerateOptions): Promise<GenerateSummary> {
  if (!Number.isInteger(o.trajectories) || o.trajectories < 1)
    throw new RangeError(`trajectories must be an integer >= 1, got ${o.trajectories}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`seed must be an integer, got ${o.seed}`);
  const systemOptions = o.systemOptions ?? {};
  const system = createSystem(o.system, systemOptions);
  const datasetDir = join(o.out, system.datasetName);
  const sidecarPath = join(datasetDir, 'generate.json');
  const options = { ...systemOptions, params: { ...(systemOptions.params ?? {}) }, trajectories: o.trajectories, seed: o.seed } as Record<
    string,
    unknown
  >;
  let sidecar: Sidecar = {
    format: 'lola-ts.generate/1',
    system: o.system,
    datasetName: system.datasetName,
    options,
    state: 'running',
    files: {},
  };
  if (existsSync(sidecarPath)) {
    const old = JSON.parse(readFileSync(sidecarPath, 'utf8')) as Sidecar;
    if (old.system !== o.system || canonical(old.options) !== canonical(options)) {
      throw new Error(
        `${sidecarPath}: this directory was generated with different options (${old.system} ${JSON.stringify(old.options)}); now ${o.system} ${JSON.stringify(options)}. Use another --out or delete it.`,
      );
    }
    sidecar = old;
  }
  for (const split of SPLITS) ensureDir(join(datasetDir, 'data', split), 'dataset directory');
  writeJsonAtomic(sidecarPath, sidecar);

  const counts = splitCounts(o.trajectories);
  const groups: Group[] = [];
  system.parameterSets.forEach((set, setIndex) => {
    let first = 0;
    for (const split of SPLITS) {
      const count = counts[split];
      const rel = `data/${split}/${system.datasetName}_${set.label}.hdf5`;
      if (count > 0) groups.push({ setIndex, split, first, count, rel, path: join(datasetDir, rel), writer: null });
      first += count;
    }
  });
  const total = system.parameterSets.length * o.trajectories;

  // Open writers (resuming partial files) and list the jobs still to do.
  let resumed = 0;
  const jobs: { group: Group; job: TrajectoryJob }[] = [];
  for (const g of groups) {
    if (existsSync(g.path)) {
      resumed += g.count;
      sidecar.files[g.rel] = g.count;
      continue;
    }
    g.writer = await createWellFile(g.path, wellSchema(system, g.setIndex), { resume: true });
    const have = Math.min(g.writer.nTrajectories, g.count);
    resumed += have;
    sidecar.files[g.rel] = have;
    for (let k = have; k < g.count; k++) jobs.push({ group: g, job: { setIndex: g.setIndex, index: g.first + k } });
  }
  writeJsonAtomic(sidecarPath, sidecar);

  let done = resumed;
  let redrawn = 0;
  const frameFraction = new Map<number, number>();
  const report = (file: string) => {
    if (!o.onProgress) return;
    let partial = 0;
    for (const f of frameFraction.values()) partial += f;
    o.onProgress({ done, total, resumed, fraction: Math.min(1, (done + partial) / total), file });
  };
  report(jobs[0]?.group.rel ?? '');

  const runner = createRunner({
    systemId: o.system,
    options: systemOptions,
    seed: o.seed,
    workers: jobs.length === 0 ? 0 : Math.min(o.workers, jobs.length),
  });
  try {
    const window = Math.max(1, 2 * runner.concurrency);
    const inFlight = new Map<number, Promise<TrajectoryResult>>();
    const launch = (j: number) => {
      const { group, job } = jobs[j]!;
      frameFraction.set(j, 0);
      const p = runner.run(job, (k, n) => {
        frameFraction.set(j, (k + 1) / n);
        report(group.rel);
      });
      p.catch(() => undefined); // awaited below, in order
      inFlight.set(j, p);
    };
    let launched = 0;
    for (let j = 0; j < jobs.length; j++) {
      while (launched < jobs.length && launched < j + window) launch(launched++);
      const result = await inFlight.get(j)!;
      inFlight.delete(j);
      frameFraction.delete(j);
      const { group } = jobs[j]!;
      const data: Record<string, Float32Array> = {};
      system.fields.forEach((f, c) => (data[f.name] = result.trajectory.fields[c]!));
      await group.writer!.appendTrajectory(data);
      if (result.attempts > 1) redrawn++;
      done++;
      sidecar.files[group.rel] = group.writer!.nTrajectories;
      if (group.writer!.nTrajectories >= group.count) {
        await group.writer!.close();
        group.writer = null;
      }
      writeJsonAtomic(sidecarPath, sidecar);
      report(group.rel);
    }
    // Groups that were complete in a partial file (interrupted between the last append and close).
    for (const g of groups) {
      if (g.writer) {
        await g.writer.close();
        g.writer = null;
      }
    }
  } finally {
    await runner.close();
  }

  await writeDatasetYamls(datasetDir);
  sidecar.state = 'complete';
  writeJsonAtomic(sidecarPath, sidecar);
  return { datasetDir, datasetName: system.datasetName, files: groups.map((g) => g.rel), written: jobs.length, resumed, redrawn };
}
