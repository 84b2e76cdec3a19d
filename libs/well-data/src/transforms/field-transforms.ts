/**
 * LoLa's per-field transforms and standardisation (docs/method.md §1; `TRANSFORMS` in lola/data.py):
 * x <- (T_c(x) - mean_c) / std_c per channel c, and the exact inverse
 * x <- T_c^-1(x * std_c + mean_c). Computed in float64, stored as float32.
 */
export const FIELD_TRANSFORMS = {
  /** ln x, inverse e^y. */
  log: [Math.log, Math.exp],
  /** ln(x + 1e-6), inverse e^y - 1e-6 (TGC density, pressure, temperature). */
  log_eps: [(x: number) => Math.log(x + 1e-6), (y: number) => Math.exp(y) - 1e-6],
  /** ln(1 + x), inverse e^y - 1 (Euler energy, density, pressure). */
  log1p: [Math.log1p, Math.expm1],
  /** asinh x, inverse sinh y. */
  arcsinh: [Math.asinh, Math.sinh],
} as const satisfies Record<string, readonly [(x: number) => number, (y: number) => number]>;

export type FieldTransformName = keyof typeof FIELD_TRANSFORMS;

/** A dataset's preprocessing: per-channel transform names plus mean and std after the transform. */
export interface FieldPreprocessing {
  /** Transform per channel index (`{0: 'log1p'}` as in LoLa's configs); other channels: identity. */
  transform?: Record<number, FieldTransformName>;
  /** Per-channel mean after the transform (omit for none). */
  mean?: readonly number[];
  /** Per-channel std after the transform (omit for none). */
  std?: readonly number[];
}

function plan(p: FieldPreprocessing, C: number) {
  const t = Array.from({ length: C }, (_, c) => {
    const name = p.transform?.[c];
    if (name === undefined) return null;
    const pair = FIELD_TRANSFORMS[name];
    if (!pair)
      throw new RangeError(
        `unknown field transform '${String(name)}' for channel ${c} (known: ${Object.keys(FIELD_TRANSFORMS).join(', ')})`,
      );
    return pair;
  });
  for (const c of Object.keys(p.transform ?? {}))
    if (!(Number(c) < C)) throw new RangeError(`transform for channel ${c}, but there are ${C} channels`);
  if (p.mean && p.mean.length !== C) throw new RangeError(`mean has ${p.mean.length} values for ${C} channels`);
  if (p.std && p.std.length !== C) throw new RangeError(`std has ${p.std.length} values for ${C} channels`);
  return { t, mean: p.mean ?? Array<number>(C).fill(0), std: p.std ?? Array<number>(C).fill(1) };
}

/** `field_preprocess`: `(T_c(x) - mean_c) / std_c` on channels-last `x` with `channels` channels. */
export function fieldPreprocess(x: Float32Array, channels: number, p: FieldPreprocessing, out?: Float32Array): Float32Array {
  return perChannel(x, channels, p, false, out);
}

/** `field_postprocess`, the exact inverse: `T_c^-1(y * std_c + mean_c)`. */
export function fieldPostprocess(y: Float32Array, channels: number, p: FieldPreprocessing, out?: Float32Array): Float32Array {
  return perChannel(y, channels, p, true, out);
}

/** The per-channel loop of both directions, in float64: forward `(T_c(x) - mean_c) / std_c`, inverse `T_c^-1(x * std_c + mean_c)`. */
function perChannel(
  x: Float32Array,
  channels: number,
  p: FieldPreprocessing,
  inverse: boolean,
  out: Float32Array = new Float32Array(x.length),
): Float32Array {
  if (x.length % channels !== 0) throw new RangeError(`${x.length} values are not a multiple of ${channels} channels`);
  const { t, mean, std } = plan(p, channels);
  for (let i = 0; i < x.length; i++) {
    const c = i % channels;
    const f = t[c];
    if (inverse) {
      const v = x[i]! * std[c]! + mean[c]!;
      out[i] = f ? f[1](v) : v;
    } else out[i] = ((f ? f[0](x[i]!) : x[i]!) - mean[c]!) / std[c]!;
  }
  return out;
}
