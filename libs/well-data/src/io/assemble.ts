/**
 * Index of each output spatial point (row-major over `resolution`) in a stored block whose axes
 * with `dimVarying[d] = false` are absent: The Well's `_pad_axes` tiling (docs/well-format.md §2.6).
 */
export function tiledPointIndex(resolution: readonly number[], dimVarying: readonly boolean[]): Int32Array {
  const P = resolution.reduce((a, b) => a * b, 1);
  const out = new Int32Array(P);
  if (dimVarying.every(Boolean)) {
    for (let p = 0; p < P; p++) out[p] = p;
    return out;
  }
  // strides of the stored (varying-only) axes
  const strides = resolution.map(() => 0);
  let s = 1;
  for (let d = resolution.length - 1; d >= 0; d--) {
    if (dimVarying[d]) {
      strides[d] = s;
      s *= resolution[d]!;
    }
  }
  const idx = resolution.map(() => 0);
  for (let p = 0; p < P; p++) {
    let src = 0;
    for (let d = 0; d < idx.length; d++) src += idx[d]! * strides[d]!;
    out[p] = src;
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d]! < resolution[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Copies one field's stored block `src` (`[nTime?] + [N_d if varying] + [K]`) into the channels-last
 * array `out` (`[nTime, P, C]`, or `[P, C]` for constant fields with nTime = 1) at channel offset
 * `c0`, tiling the axes that are not stored.
 */
export function scatterField(
  src: ArrayLike<number>,
  nTime: number,
  pointIndex: Int32Array,
  components: number,
  out: Float32Array,
  channels: number,
  c0: number,
  identity = false,
): void {
  const P = pointIndex.length;
  if (identity && components === channels && src.length === out.length) {
    out.set(src); // the only field, stored at full resolution: a straight copy
    return;
  }
  const srcPoints = src.length / (nTime * components);
  if (identity && components === 1) {
    // common case: a scalar field at full resolution
    const n = nTime * P;
    for (let q = 0, oi = c0; q < n; q++, oi += channels) out[oi] = src[q]!;
    return;
  }
  for (let t = 0; t < nTime; t++) {
    const srcT = t * srcPoints;
    const outT = t * P;
    for (let p = 0; p < P; p++) {
      const si = (srcT + (identity ? p : pointIndex[p]!)) * components;
      const oi = (outT + p) * channels + c0;
      for (let k = 0; k < components; k++) out[oi + k] = src[si + k]!;
    }
  }
}

/** `[a, b, c]` -> product. */
export function prod(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
