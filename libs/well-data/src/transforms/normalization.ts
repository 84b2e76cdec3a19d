import { WellFormatError } from '../errors.js';

/** One field's statistic: a number (t0), D numbers (t1) or a D×D nested list (t2). */
export type FieldStat = number | number[] | number[][];

/** The content of a Well `stats.yaml` (docs/well-format.md §4.2); keys may be missing in old files. */
export interface WellStats {
  mean?: Record<string, FieldStat>;
  std?: Record<string, FieldStat>;
  rms?: Record<string, FieldStat>;
  mean_delta?: Record<string, FieldStat>;
  std_delta?: Record<string, FieldStat>;
  rms_delta?: Record<string, FieldStat>;
}

export type NormalizationMode = 'variable' | 'constant';

/** Flattened, channels-last normalisation of The Well (`normalization.py`, docs/well-format.md §5.5). */
export interface WellNormalization {
  /** Per-channel values for each mode, in channel order. */
  readonly channels: Record<NormalizationMode, number>;
  normalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array;
  denormalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array;
  deltaNormalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array;
  deltaDenormalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array;
}

export function flattenStat(v: FieldStat): number[] {
  return (Array.isArray(v) ? v.flat(2) : [v]) as number[];
}

function statOf(stats: WellStats, key: keyof WellStats, field: string, source: string, fallback?: number): number[] {
  const table = stats[key];
  const v = table?.[field];
  if (v === undefined) {
    if (fallback !== undefined) return [fallback];
    throw new WellFormatError(source, table ? `${key}.${field}` : key, `the '${key}' statistic of field '${field}'`, 'missing');
  }
  const flat = flattenStat(v);
  if (flat.some((n) => typeof n !== 'number' || !Number.isFinite(n)))
    throw new WellFormatError(source, `${key}.${field}`, 'finite numbers', JSON.stringify(v));
  return flat;
}

/** `(x - shift[c]) / scale[c]` per channel c (channels last), or the inverse. */
function affine(
  x: Float32Array,
  shift: Float64Array,
  scale: Float64Array,
  inverse: boolean,
  out: Float32Array = new Float32Array(x.length),
): Float32Array {
  const C = shift.length;
  if (C === 0 || x.length % C !== 0) throw new RangeError(`channel mismatch: ${x.length} values are not a multiple of ${C} channels`);
  for (let i = 0; i < x.length; i++) {
    const c = i % C;
    out[i] = inverse ? x[i]! * scale[c]! + shift[c]! : (x[i]! - shift[c]!) / scale[c]!;
  }
  return out;
}

/** Per-mode shift and scale of the values and of their time differences, in channel order. */
interface NormalizationTables {
  shift: Record<NormalizationMode, Float64Array>;
  scale: Record<NormalizationMode, Float64Array>;
  deltaShift: Record<NormalizationMode, Float64Array>;
  deltaScale: Record<NormalizationMode, Float64Array>;
}

/** Constructor arguments of both normalisations: stats, core (constant) field names, `min_denom`, source for errors. */
type NormalizationArgs = [
  stats: WellStats,
  coreFieldNames: readonly string[],
  coreConstantFieldNames: readonly string[],
  minDenom?: number,
  source?: string,
];

abstract class FlatNormalization implements WellNormalization {
  private readonly shift: Record<NormalizationMode, Float64Array>;
  private readonly scale: Record<NormalizationMode, Float64Array>;
  private readonly deltaShift: Record<NormalizationMode, Float64Array>;
  private readonly deltaScale: Record<NormalizationMode, Float64Array>;

  protected constructor(tables: NormalizationTables) {
    this.shift = tables.shift;
    this.scale = tables.scale;
    this.deltaShift = tables.deltaShift;
    this.deltaScale = tables.deltaScale;
  }

  get channels(): Record<NormalizationMode, number> {
    return { variable: this.shift.variable.length, constant: this.shift.constant.length };
  }
  normalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array {
    return affine(x, this.shift[mode], this.scale[mode], false, out);
  }
  denormalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array {
    return affine(x, this.shift[mode], this.scale[mode], true, out);
  }
  deltaNormalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array {
    return affine(x, this.deltaShift[mode], this.deltaScale[mode], false, out);
  }
  deltaDenormalizeFlattened(x: Float32Array, mode: NormalizationMode, out?: Float32Array): Float32Array {
    return affine(x, this.deltaShift[mode], this.deltaScale[mode], true, out);
  }
}

const clip = (v: number[], min: number) => v.map((s) => Math.max(s, min));
const cat = (parts: number[][]) => Float64Array.from(parts.flat());

function zScoreTables(
  ...[stats, coreFieldNames, coreConstantFieldNames, minDenom = 1e-4, source = 'stats.yaml']: NormalizationArgs
): NormalizationTables {
  const mean = (f: string) => statOf(stats, 'mean', f, source);
  const std = (f: string) => clip(statOf(stats, 'std', f, source), minDenom);
  const shift = { variable: cat(coreFieldNames.map(mean)), constant: cat(coreConstantFieldNames.map(mean)) };
  const scale = { variable: cat(coreFieldNames.map(std)), constant: cat(coreConstantFieldNames.map(std)) };
  const constantDelta = cat(coreConstantFieldNames.map((f) => mean(f).map(() => minDenom)));
  return {
    shift,
    scale,
    deltaShift: { variable: cat(coreFieldNames.map((f) => statOf(stats, 'mean_delta', f, source))), constant: constantDelta },
    deltaScale: {
      variable: cat(coreFieldNames.map((f) => clip(broadcast(statOf(stats, 'std_delta', f, source, minDenom), mean(f).length), minDenom))),
      constant: constantDelta,
    },
  };
}

function rmsTables(
  ...[stats, coreFieldNames, coreConstantFieldNames, minDenom = 1e-4, source = 'stats.yaml']: NormalizationArgs
): NormalizationTables {
  const rms = (f: string) => clip(statOf(stats, 'rms', f, source), minDenom);
  const zeros = (names: readonly string[]) => new Float64Array(names.reduce((a, f) => a + rms(f).length, 0));
  return {
    shift: { variable: zeros(coreFieldNames), constant: zeros(coreConstantFieldNames) },
    scale: { variable: cat(coreFieldNames.map(rms)), constant: cat(coreConstantFieldNames.map(rms)) },
    deltaShift: { variable: zeros(coreFieldNames), constant: zeros(coreConstantFieldNames) },
    deltaScale: {
      variable: cat(coreFieldNames.map((f) => clip(broadcast(statOf(stats, 'rms_delta', f, source, minDenom), rms(f).length), minDenom))),
      constant: cat(coreConstantFieldNames.map((f) => rms(f).map(() => minDenom))),
    },
  };
}

/**
 * The Well's `ZScoreNormalization`: `(x - mean[f]) / max(std[f], min_denom)` per core field,
 * broadcast over its tensor components; delta stats from `mean_delta` / `std_delta` (a missing
 * `std_delta` falls back to `min_denom`); constant fields get delta mean = delta std = `min_denom`.
 * Flattened stats are concatenated in core-field order, i.e. channel order.
 * Arguments: stats, core field names, core constant field names, `minDenom` (1e-4), `source` for errors.
 */
export class ZScoreNormalization extends FlatNormalization {
  constructor(...args: NormalizationArgs) {
    super(zScoreTables(...args));
  }
}

/**
 * The Well's `RMSNormalization`: `x / max(rms[f], min_denom)` (no mean shift); delta variant with
 * `rms_delta` (missing -> `min_denom`); constant fields get delta rms = `min_denom`.
 */
export class RMSNormalization extends FlatNormalization {
  constructor(...args: NormalizationArgs) {
    super(rmsTables(...args));
  }
}

function broadcast(v: number[], n: number): number[] {
  return v.length === n ? v : Array<number>(n).fill(v[0]!);
}
