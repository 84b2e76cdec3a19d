import { downsamplingFactor, type DcaeConfig } from './config.js';

/**
 * Latent shape `[h, w, c_lat]` (or `[x, y, z, c_lat]`) of one state of spatial shape `spatialShape`:
 * every spatial axis divided by f = 2^(levels − 1) (docs/method.md §2.2, §2.5). Throws when an axis is not
 * divisible by f (pixel unshuffle needs even sizes at every level).
 */
export function latentShape(
  config: Pick<DcaeConfig, 'hidChannels' | 'latChannels' | 'spatial'>,
  spatialShape: readonly number[],
): number[] {
  if (spatialShape.length !== config.spatial) {
    throw new Error(`latentShape: expected ${config.spatial} spatial axes, got shape [${spatialShape.join(', ')}]`);
  }
  const f = downsamplingFactor(config);
  return [
    ...spatialShape.map((n, i) => {
      if (!Number.isInteger(n) || n <= 0 || n % f !== 0)
        throw new Error(`latentShape: spatial axis ${i} of size ${n} is not divisible by the down-sampling factor ${f}`);
      return n / f;
    }),
    config.latChannels,
  ];
}

/**
 * Compression rate = numel(state) / numel(latent) = C_pix · f^N / c_lat (docs/method.md §2.5).
 * `stateShape` is one channels-last state `[H, W, C]` (or `[X, Y, Z, C]`); its channel count is taken
 * from the shape. Example: Euler 512×512×5 with f32, c64 → 80.
 */
export function compressionRate(
  config: Pick<DcaeConfig, 'hidChannels' | 'latChannels' | 'spatial'>,
  stateShape: readonly number[],
): number {
  const spatialShape = stateShape.slice(0, -1);
  const lat = latentShape(config, spatialShape);
  const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  return numel(stateShape) / numel(lat);
}
