import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@lola-ts/numerics';
import type { WellFile } from '../io/well-file.js';
import { constantChannelNames, constantScalarNames, variableChannelNames, variableScalarNames } from '../schema/channels.js';
import type { WellFileSchema } from '../schema/types.js';
import { parseStatsYaml } from '../stats/yaml.js';
import {
  applyAugmentation,
  drawAugmentation,
  type AugmentationName,
  type AugmentationProbabilities,
  type TrajectoryPiece,
} from '../transforms/augment.js';
import { fieldPreprocess, type FieldPreprocessing } from '../transforms/field-transforms.js';
import { trajectoryPiece } from '../transforms/trajectory-piece.js';
import { RMSNormalization, ZScoreNormalization, type WellNormalization, type WellStats } from '../transforms/normalization.js';
import { findWellFiles, openWellFiles, resolveWellSplit, type WellSplit } from './directory.js';
import { assertFiniteBlock } from './finite.js';
import type { WellSample } from './sample.js';
import { WindowIndex, type WindowOptions } from './windows.js';

/** Options of `WellDataset.open` (The Well's `WellDataset` arguments, camelCased; docs/well-format.md §5.1). */
export interface WellDatasetOptions extends WindowOptions {
  /** A dataset root (with `split`) or a directory of HDF5 files; or give `files`. */
  path?: string;
  split?: WellSplit;
  /** Explicit file list (sorted as given); overrides `path`. */
  files?: string[];
  includeFilters?: string[];
  excludeFilters?: string[];
  /** The Well's normalisation, applied to fields before augmentation: 'zscore' or 'rms'. */
  normalization?: 'zscore' | 'rms';
  /** Statistics for `normalization`; default: `<dataset root>/stats.yaml`. */
  stats?: WellStats;
  statsPath?: string;
  minDenom?: number;
  /** Augmentations applied (in order) to every item, drawn with the item's Rng. */
  augment?: AugmentationName[];
  augmentProbabilities?: AugmentationProbabilities;
  /** LoLa's per-channel transform + standardisation, applied to input/output fields after augmentation. */
  preprocess?: FieldPreprocessing;
  /** Return space and time grids (default true). */
  returnGrid?: boolean;
  /** Shift time grids so the window starts at 0 (default true). */
  normalizeTimeGrid?: boolean;
  /** Return BC codes (default true). */
  returnBoundaryConditions?: boolean;
  /** Seed of the per-item draws (stride, augmentation) (default 0). */
  seed?: number;
  /**
   * Return NaN/±Inf field values as read instead of throwing a `NonFiniteDataError` naming the
   * file, field, trajectory and frame (default false: non-finite data is an error).
   */
  allowNonFinite?: boolean;
}

/**
 * The equivalent of The Well's `WellDataset`: windows over every trajectory of a split, read one
 * window at a time from open files, normalised, augmented, flattened to channels-last float32.
 * Item draws are deterministic: item `i` of epoch `e` uses `new Rng(`${seed}:${e}:${i}`)`.
 */
export class WellDataset {
  readonly windows: WindowIndex;
  readonly channels: string[];
  readonly constantChannels: string[];
  readonly scalarNames: string[];
  readonly constantScalarNames: string[];
  /** Core (unflattened) time-varying / constant field names, for stats lookups. */
  readonly coreFieldNames: string[];
  readonly coreConstantFieldNames: string[];
  readonly normalization: WellNormalization | null;

  private constructor(
    readonly files: WellFile[],
    readonly options: WellDatasetOptions,
    readonly datasetRoot: string | null,
  ) {
    const s = this.schema;
    this.windows = new WindowIndex(
      files.map((f) => f.schema.nTrajectories),
      files.map((f) => f.schema.nSteps),
      options,
      (i) => files[i]!.path,
    );
    this.channels = variableChannelNames(s);
    this.constantChannels = constantChannelNames(s);
    this.scalarNames = variableScalarNames(s);
    this.constantScalarNames = constantScalarNames(s);
    this.coreFieldNames = s.fields.filter((f) => f.timeVarying).map((f) => f.name);
    this.coreConstantFieldNames = s.fields.filter((f) => !f.timeVarying).map((f) => f.name);
    this.normalization = null;
    if (options.normalization) {
      const statsPath = options.statsPath ?? (datasetRoot ? join(datasetRoot, 'stats.yaml') : 'stats.yaml');
      const stats = options.stats ?? parseStatsYaml(readFileSync(statsPath, 'utf8'), statsPath);
      const Norm = options.normalization === 'rms' ? RMSNormalization : ZScoreNormalization;
      this.normalization = new Norm(
        stats,
        this.coreFieldNames,
        this.coreConstantFieldNames,
        options.minDenom ?? 1e-4,
        options.stats ? 'stats' : statsPath,
      );
    }
  }

  /** Finds, opens and validates the files, builds the window index. */
  static async open(options: WellDatasetOptions): Promise<WellDataset> {
    let paths = options.files;
    let root: string | null = null;
    if (!paths) {
      if (!options.path) throw new Error('WellDataset.open: give `path` (and `split`) or `files`');
      const loc = resolveWellSplit(options.path, options.split);
      root = loc.datasetRoot;
      paths = findWellFiles(loc.splitDir, options);
    }
    const files = await openWellFiles(paths);
    try {
      return new WellDataset(files, options, root);
    } catch (err) {
      for (const f of files) f.close();
      throw err;
    }
  }

  /** Schema of the first file (all files share the layout). */
  get schema(): WellFileSchema {
    return this.files[0]!.schema;
  }

  get length(): number {
    return this.windows.length;
  }

  close(): void {
    for (const f of this.files) f.close();
  }

  /** Item `index`; draws (stride, augmentations) come from `rng` or the per-epoch seed. */
  async get(index: number, opts: { epoch?: number; rng?: Rng } = {}): Promise<WellSample> {
    const o = this.options;
    const rng = opts.rng ?? new Rng(`${o.seed ?? 0}:${opts.epoch ?? 0}:${index}`);
    const loc = this.windows.locate(index);
    const w = this.windows.windowOf(loc, rng);
    const file = this.files[loc.file]!;
    const s = file.schema;
    const traj = loc.trajectory;
    const fields = file.readFields(traj, w);
    const consts = file.readConstantFields(traj);
    const scalars = file.readScalars(traj, w);
    if (!o.allowNonFinite) {
      const frames = Array.from({ length: w.count }, (_, k) => w.start + k * w.stride);
      assertFiniteBlock(fields.data, { file: file.path, trajectory: traj, channels: fields.channels, frames });
      assertFiniteBlock(consts.data, { file: file.path, trajectory: traj, channels: consts.channels, frames: null });
    }
    const returnGrid = o.returnGrid ?? true;
    let piece: TrajectoryPiece = trajectoryPiece(s, {
      variableFields: fields.data,
      nTime: w.count,
      constantFields: consts.data,
      spaceGrid: returnGrid ? file.readSpaceGrid(traj).data : null,
      constantScalars: scalars.constant,
    });
    if (this.normalization) {
      if (this.channels.length)
        piece.variableFields = this.normalization.normalizeFlattened(piece.variableFields, 'variable', piece.variableFields);
      if (consts.channels.length)
        piece.constantFields = this.normalization.normalizeFlattened(piece.constantFields, 'constant', piece.constantFields);
    }
    if (o.augment?.length) piece = applyAugmentation(piece, drawAugmentation(o.augment, rng, piece, o.augmentProbabilities));
    if (o.preprocess)
      piece.variableFields = fieldPreprocess(piece.variableFields, this.channels.length, o.preprocess, piece.variableFields);

    const nIn = this.windows.nStepsInput;
    const nOut = w.count - nIn;
    const C = this.channels.length;
    const frame = piece.resolution.reduce((a, b) => a * b, 1) * C;
    const sample: WellSample = {
      inputFields: { data: piece.variableFields.slice(0, nIn * frame), shape: [nIn, ...piece.resolution, C] },
      source: { file: file.path, fileIndex: loc.file, trajectory: traj, start: w.start, stride: w.stride },
    };
    if (nOut > 0) sample.outputFields = { data: piece.variableFields.slice(nIn * frame), shape: [nOut, ...piece.resolution, C] };
    if (this.constantChannels.length)
      sample.constantFields = { data: piece.constantFields, shape: [...piece.resolution, this.constantChannels.length] };
    const S = this.scalarNames.length;
    if (S) {
      const all = new Float64Array(w.count * S);
      this.scalarNames.forEach((n, j) => scalars.variable[n]!.forEach((v, t) => (all[t * S + j] = v)));
      sample.inputScalars = { data: all.slice(0, nIn * S), shape: [nIn, S] };
      if (nOut > 0) sample.outputScalars = { data: all.slice(nIn * S), shape: [nOut, S] };
    }
    if (this.constantScalarNames.length)
      sample.constantScalars = Float64Array.from(this.constantScalarNames, (n) => piece.constantScalars[n]!);
    if (o.returnBoundaryConditions ?? true) sample.boundaryConditions = piece.boundaryConditions;
    if (returnGrid) {
      sample.spaceGrid = { data: piece.spaceGrid!, shape: [...piece.resolution, piece.resolution.length] };
      const time = file.readTime(traj);
      const tg = Float64Array.from({ length: w.count }, (_, k) => time[w.start + k * w.stride]!);
      if (o.normalizeTimeGrid ?? true) {
        const t0 = Math.min(...tg);
        for (let k = 0; k < tg.length; k++) tg[k] = tg[k]! - t0;
      }
      sample.inputTimeGrid = tg.slice(0, nIn);
      if (nOut > 0) sample.outputTimeGrid = tg.slice(nIn);
    }
    return sample;
  }

  /** LoLa's label: constant scalars then the flattened BC codes (docs/method.md §5). */
  static label(sample: WellSample): Float32Array {
    return Float32Array.from([...(sample.constantScalars ?? []), ...(sample.boundaryConditions ?? []).flat()]);
  }
}
