import type { Rng } from '@lola-ts/numerics';
import { BoundaryCode, type TensorOrder } from '../schema/types.js';

/** Augmentations of The Well / LoLa (docs/method.md §1), applied in the order given. */
export type AugmentationName = 'random_axis_flip' | 'random_axis_permute' | 'random_axis_roll' | 'log_scalars';

/** Tensor layout of a block of channels: one entry per field, in channel order. */
export interface ChannelLayout {
  order: TensorOrder;
  /** Number of channels of this field, `n_spatial_dims ** order`. */
  channels: number;
}

/** A piece of trajectory before flattening into input/output (The Well's `TrajectoryData`). */
export interface TrajectoryPiece {
  gridType: string;
  /** Current spatial resolution (permutations reorder it). */
  resolution: number[];
  /** Time-varying fields, channels-last `[nTime, *resolution, C]`. */
  variableFields: Float32Array;
  nTime: number;
  variableLayout: ChannelLayout[];
  /** Constant fields `[*resolution, C_const]`. */
  constantFields: Float32Array;
  constantLayout: ChannelLayout[];
  /** `[n_spatial_dims][2]` BC codes. */
  boundaryConditions: number[][];
  /** `[*resolution, n_spatial_dims]` or null when grids are not returned. */
  spaceGrid: Float64Array | null;
  constantScalars: Record<string, number>;
}

/** The random choices of one augmentation draw; equal draws give equal augmented copies. */
export interface AugmentationDraw {
  /** Axis flipped (RandomAxisFlip), or undefined. */
  flip?: boolean[];
  /** New axis j is old axis `permutation[j]` (RandomAxisPermute), or undefined. */
  permutation?: number[];
  /** Circular shift per axis, 0 when not rolled (RandomAxisRoll), or undefined. */
  roll?: number[];
  logScalars?: boolean;
}

/** Probabilities as in The Well's defaults: flip p = 0.5 per axis, permute p = 1, roll p = 1. */
export interface AugmentationProbabilities {
  flip?: number;
  permute?: number;
  roll?: number;
}

/** Constant-scalar names LoLa's `LogScalars` logs (`key.lower() in (...)`; "T0" never matches, docs/method.md §5). */
export const LOG_SCALAR_NAMES = ['rayleigh', 'prandtl', 'rho0', 'T0'] as const;

/**
 * Draws the augmentations `names` in order with `rng` (The Well's `RandomAxisFlip`,
 * `RandomAxisPermute`, `RandomAxisRoll`, LoLa's `LogScalars`). Geometric augmentations do nothing
 * (and draw nothing) unless `gridType` is "cartesian". Roll acts on the axes whose two sides are
 * PERIODIC after the preceding flips/permutations; permute needs a square (cubic) domain.
 */
export function drawAugmentation(
  names: readonly AugmentationName[],
  rng: Rng,
  ctx: { gridType: string; resolution: readonly number[]; boundaryConditions: readonly (readonly number[])[] },
  p: AugmentationProbabilities = {},
): AugmentationDraw {
  const nd = ctx.resolution.length;
  const cartesian = ctx.gridType === 'cartesian';
  let bcs = ctx.boundaryConditions.map((r) => [...r]);
  const draw: AugmentationDraw = {};
  for (const name of names) {
    if (name === 'log_scalars') {
      draw.logScalars = true;
    } else if (!cartesian) {
      continue;
    } else if (name === 'random_axis_flip') {
      const flip = Array.from({ length: nd }, () => rng.uniform() < (p.flip ?? 0.5));
      draw.flip = draw.flip ? draw.flip.map((f, i) => f !== flip[i]) : flip;
      if (draw.permutation || draw.roll) throw new RangeError('random_axis_flip must come before random_axis_permute and random_axis_roll');
      bcs = bcs.map((r, i) => (flip[i] ? [r[1]!, r[0]!] : r));
    } else if (name === 'random_axis_permute') {
      if (new Set(ctx.resolution).size > 1)
        throw new RangeError(`random_axis_permute needs a square domain, got resolution [${ctx.resolution.join(', ')}]`);
      if (draw.roll) throw new RangeError('random_axis_permute must come before random_axis_roll');
      const perm = Array.from({ length: nd }, (_, i) => i);
      if (rng.uniform() < (p.permute ?? 1)) rng.shuffle(perm);
      draw.permutation = perm;
      bcs = perm.map((j) => bcs[j]!);
    } else if (name === 'random_axis_roll') {
      const periodic = bcs.map((r) => r.every((c) => c === BoundaryCode.PERIODIC));
      const roll = Array<number>(nd).fill(0);
      if (rng.uniform() < (p.roll ?? 1)) periodic.forEach((per, i) => (roll[i] = per ? rng.int(ctx.resolution[i]!) : 0));
      draw.roll = roll;
    } else {
      throw new RangeError(
        `unknown augmentation '${String(name)}' (known: random_axis_flip, random_axis_permute, random_axis_roll, log_scalars)`,
      );
    }
  }
  return draw;
}

/** Source channel and sign of every output channel of a layout under flip / permutation. */
function channelMap(
  layout: readonly ChannelLayout[],
  nd: number,
  flip?: readonly boolean[],
  perm?: readonly number[],
): { src: Int32Array; sign: Float32Array } {
  const C = layout.reduce((a, l) => a + l.channels, 0);
  const src = new Int32Array(C);
  const sign = new Float32Array(C).fill(1);
  let base = 0;
  for (const l of layout) {
    for (let k = 0; k < l.channels; k++) {
      // tensor component indices of channel k (row-major)
      const idx: number[] = [];
      for (let r = k, o = 0; o < l.order; o++) {
        idx.unshift(r % nd);
        r = Math.floor(r / nd);
      }
      const from = perm ? idx.map((a) => perm[a]!) : idx;
      src[base + k] = base + from.reduce((acc, a) => acc * nd + a, 0);
      if (flip) sign[base + k] = from.filter((a) => flip[a]).length % 2 === 1 ? -1 : 1; // flip acts before the permutation
    }
    base += l.channels;
  }
  return { src, sign };
}

/** Source point (row-major over `inRes`) of every output point under flip, permutation, roll. */
function pointMap(
  inRes: readonly number[],
  flip?: readonly boolean[],
  perm?: readonly number[],
  roll?: readonly number[],
): { src: Int32Array; outRes: number[] } {
  const nd = inRes.length;
  const p = perm ?? inRes.map((_, i) => i);
  const outRes = p.map((j) => inRes[j]!);
  const P = outRes.reduce((a, b) => a * b, 1);
  const inStride = inRes.map((_, d) => inRes.slice(d + 1).reduce((a, b) => a * b, 1));
  const src = new Int32Array(P);
  const o = Array<number>(nd).fill(0);
  for (let q = 0; q < P; q++) {
    let s = 0;
    for (let j = 0; j < nd; j++) {
      const n = outRes[j]!;
      let v = o[j]!;
      if (roll && roll[j]) v = (((v - roll[j]!) % n) + n) % n; // torch.roll: out[i] = in[i - k]
      const d = p[j]!; // input axis feeding output axis j
      if (flip && flip[d]) v = inRes[d]! - 1 - v;
      s += v * inStride[d]!;
    }
    src[q] = s;
    for (let j = nd - 1; j >= 0; j--) {
      if (++o[j]! < outRes[j]!) break;
      o[j] = 0;
    }
  }
  return { src, outRes };
}

function remap<A extends Float32Array | Float64Array>(
  x: A,
  nTime: number,
  points: Int32Array,
  C: number,
  chan: { src: Int32Array; sign: Float32Array } | null,
  make: (n: number) => A,
): A {
  const P = points.length;
  const out = make(x.length);
  for (let t = 0; t < nTime; t++)
    for (let q = 0; q < P; q++) {
      const oi = (t * P + q) * C;
      const si = (t * P + points[q]!) * C;
      for (let c = 0; c < C; c++) out[oi + c] = chan ? chan.sign[c]! * x[si + chan.src[c]!]! : x[si + c]!;
    }
  return out;
}

/**
 * Applies a draw to a trajectory piece (returns a new piece). Flip (applied first) reverses the
 * flipped axes, negates tensor components with an odd number of flipped indices and swaps the BC
 * pair; permutation moves axes and permutes every tensor index and the BC rows; roll shifts the
 * fields and the space grid circularly. As in The Well, the space grid's coordinate axis is not
 * permuted or negated. `logScalars` logs the constant scalars named in `LOG_SCALAR_NAMES`.
 */
export function applyAugmentation(piece: TrajectoryPiece, draw: AugmentationDraw): TrajectoryPiece {
  const nd = piece.resolution.length;
  const { flip, permutation: perm, roll } = draw;
  const out: TrajectoryPiece = { ...piece, constantScalars: { ...piece.constantScalars } };
  if (draw.logScalars) {
    for (const k of Object.keys(out.constantScalars))
      if ((LOG_SCALAR_NAMES as readonly string[]).includes(k.toLowerCase())) out.constantScalars[k] = Math.log(out.constantScalars[k]!);
  }
  const anyFlip = flip?.some(Boolean) ?? false;
  const anyPerm = perm?.some((j, i) => j !== i) ?? false;
  const anyRoll = roll?.some((k) => k !== 0) ?? false;
  if (!anyFlip && !anyPerm && !anyRoll) return out;
  const f = anyFlip ? flip : undefined;
  const pm = anyPerm ? perm : undefined;
  const { src: points, outRes } = pointMap(piece.resolution, f, pm, anyRoll ? roll : undefined);
  const Cv = piece.variableLayout.reduce((a, l) => a + l.channels, 0);
  const Cc = piece.constantLayout.reduce((a, l) => a + l.channels, 0);
  out.resolution = outRes;
  out.variableFields = remap(
    piece.variableFields,
    piece.nTime,
    points,
    Cv,
    channelMap(piece.variableLayout, nd, f, pm),
    (n) => new Float32Array(n),
  );
  out.constantFields = Cc
    ? remap(piece.constantFields, 1, points, Cc, channelMap(piece.constantLayout, nd, f, pm), (n) => new Float32Array(n))
    : piece.constantFields;
  let bcs = piece.boundaryConditions.map((r, i) => (f && f[i] ? [r[1]!, r[0]!] : [...r]));
  if (pm) bcs = pm.map((j) => bcs[j]!);
  out.boundaryConditions = bcs;
  if (piece.spaceGrid) out.spaceGrid = remap(piece.spaceGrid, 1, points, nd, null, (n) => new Float64Array(n));
  return out;
}
