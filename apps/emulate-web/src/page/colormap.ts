/**
 * Colour maps for the page (256 RGB entries interpolated linearly in sRGB from published anchor
 * colours) and drawing a 2-D field onto a canvas.
 */

const STOPS: Record<string, [number, number, number][]> = {
  viridis: [
    [68, 1, 84],
    [71, 44, 122],
    [59, 81, 139],
    [44, 113, 142],
    [33, 144, 141],
    [39, 173, 129],
    [92, 200, 99],
    [170, 220, 50],
    [253, 231, 37],
  ],
  magma: [
    [0, 0, 4],
    [28, 16, 68],
    [79, 18, 123],
    [129, 37, 129],
    [181, 54, 122],
    [229, 80, 100],
    [251, 135, 97],
    [254, 194, 135],
    [252, 253, 191],
  ],
  RdBu: [
    [103, 0, 31],
    [178, 24, 43],
    [214, 96, 77],
    [244, 165, 130],
    [247, 247, 247],
    [146, 197, 222],
    [67, 147, 195],
    [33, 102, 172],
    [5, 48, 97],
  ],
  gray: [
    [0, 0, 0],
    [255, 255, 255],
  ],
};

/** Names of the colour maps. */
export const COLORMAPS = Object.keys(STOPS);

const cache = new Map<string, Uint8ClampedArray>();

/** 256 RGB triples of colour map `name`, flattened. */
export function palette(name: string): Uint8ClampedArray {
  const hit = cache.get(name);
  if (hit) return hit;
  const stops = STOPS[name];
  if (!stops) throw new Error(`colour map '${name}' is not one of ${COLORMAPS.join(', ')}`);
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (stops.length - 1);
    const j = Math.min(Math.floor(x), stops.length - 2);
    const f = x - j;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(stops[j]![c]! + f * (stops[j + 1]![c]! - stops[j]![c]!));
  }
  cache.set(name, out);
  return out;
}

/** Robust display range of some values: their 1st and 99th percentiles (finite values only). */
export function displayRange(values: ArrayLike<number>): [number, number] {
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(values.length / 20000));
  for (let i = 0; i < values.length; i += step) if (Number.isFinite(values[i]!)) sample.push(values[i]!);
  if (!sample.length) return [0, 1];
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(0.01 * (sample.length - 1))]!;
  const hi = sample[Math.ceil(0.99 * (sample.length - 1))]!;
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/**
 * Draws `values` (row-major [rows, cols], read as `values[offset + (r * cols + c) * step]`) onto
 * `canvas` with colour map `name` over [lo, hi]; non-finite values are drawn magenta.
 */
export function drawField(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  opts: { offset?: number; step?: number; lo: number; hi: number; colormap: string },
): void {
  const pal = palette(opts.colormap);
  if (canvas.width !== cols || canvas.height !== rows) {
    canvas.width = cols;
    canvas.height = rows;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('drawField: no 2-D canvas context');
  const img = ctx.createImageData(cols, rows);
  const offset = opts.offset ?? 0;
  const step = opts.step ?? 1;
  const scale = opts.hi > opts.lo ? 255 / (opts.hi - opts.lo) : 0;
  for (let p = 0; p < rows * cols; p++) {
    const v = values[offset + p * step]!;
    const o = p * 4;
    if (!Number.isFinite(v)) {
      img.data[o] = 255;
      img.data[o + 1] = 0;
      img.data[o + 2] = 255;
    } else {
      const k = Math.max(0, Math.min(255, Math.round((v - opts.lo) * scale))) * 3;
      img.data[o] = pal[k]!;
      img.data[o + 1] = pal[k + 1]!;
      img.data[o + 2] = pal[k + 2]!;
    }
    img.data[o + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
