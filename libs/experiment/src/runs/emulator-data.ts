/**
 * The `data` section of a resolved dm/ns run config (../stages/emulator.ts), as its readers use it:
 * where the training windows came from (a latent cache, or a Well dataset for the pixel solver)
 * and, for pixel runs, the preprocessing (docs/method.md §1) the run was trained with.
 */
import { FIELD_TRANSFORMS, type FieldTransformName } from '@lola-ts/well-data';

/** The data section of an emulator run. */
export interface EmulatorRunData {
  /** `latent`: `path` is a latent cache directory; `well`: `path` is a Well dataset root (pixel solver). */
  source: 'latent' | 'well';
  path: string | undefined;
  /** Channel names (pixel runs: the dataset's; latent runs: the AE's, copied from the cache). */
  channels: string[] | undefined;
  /** Pixel runs: per-channel-name transform, and mean / std after it. */
  transform: Record<string, FieldTransformName>;
  mean: number[] | undefined;
  std: number[] | undefined;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** Checks the data section of an emulator run config (`source` names the file in errors). */
export function parseEmulatorData(raw: unknown, source: string): EmulatorRunData {
  const d = raw ?? {};
  if (!isMapping(d)) throw new Error(`${source}: data: expected a mapping`);
  const bad = (key: string, expected: string) => new Error(`${source}: data.${key} must be ${expected}, got ${JSON.stringify(d[key])}`);
  const src = d.source ?? 'latent';
  if (src !== 'latent' && src !== 'well') throw bad('source', '"latent" or "well"');
  if (d.path !== undefined && typeof d.path !== 'string') throw bad('path', 'a path');
  if (d.channels !== undefined && !(Array.isArray(d.channels) && d.channels.every((c) => typeof c === 'string')))
    throw bad('channels', 'a list of channel names');
  if (d.mean !== undefined && !numbers(d.mean)) throw bad('mean', 'a list of numbers');
  if (d.std !== undefined && !numbers(d.std)) throw bad('std', 'a list of numbers');
  const transform = d.transform ?? {};
  if (!isMapping(transform) || !Object.values(transform).every((t) => typeof t === 'string' && t in FIELD_TRANSFORMS))
    throw bad('transform', `a mapping channel -> one of ${Object.keys(FIELD_TRANSFORMS).join(', ')}`);
  return {
    source: src,
    path: d.path,
    channels: d.channels as string[] | undefined,
    transform: transform as Record<string, FieldTransformName>,
    mean: d.mean,
    std: d.std,
  };
}
