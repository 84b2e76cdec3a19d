/**
 * A perceptually ordered 256-colour palette (viridis, from its published 9-stop anchors,
 * interpolated linearly in sRGB) and the mapping of float fields onto it.
 */
const VIRIDIS_STOPS: [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** 256 RGB triples. */
export const VIRIDIS: number[][] = Array.from({ length: 256 }, (_, i) => {
  const x = (i / 255) * (VIRIDIS_STOPS.length - 1);
  const j = Math.min(Math.floor(x), VIRIDIS_STOPS.length - 2);
  const f = x - j;
  const a = VIRIDIS_STOPS[j]!,
    b = VIRIDIS_STOPS[j + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + f * (b[c]! - a[c]!)));
});

/** Maps values to palette indices 0..255 over [lo, hi] (clamped; NaN → 0). */
export function toPaletteIndices(values: ArrayLike<number>, lo: number, hi: number): Uint8Array {
  const out = new Uint8Array(values.length);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round((v - lo) * scale))) : 0;
  }
  return out;
}

/** Robust display range: the 1st and 99th percentiles of a sample of the values. */
export function displayRange(values: ArrayLike<number>): [number, number] {
  const n = values.length;
  const step = Math.max(1, Math.floor(n / 20000));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) if (Number.isFinite(values[i]!)) sample.push(values[i]!);
  if (!sample.length) return [0, 1];
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(0.01 * (sample.length - 1))]!;
  const hi = sample[Math.ceil(0.99 * (sample.length - 1))]!;
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}
