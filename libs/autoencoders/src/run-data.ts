/**
 * The parts of an autoencoder run that need no file system (usable in the browser): its `data`
 * section (channels, resolution, per-channel transforms, mean/std after the transform), the
 * preprocessing it implies (docs/method.md §1: x ← (T_c(x) − mean_c) / std_c, and its exact inverse),
 * and the model rebuilt from a resolved config and the bytes of its weights file.
 */
import { disposeParams, loadWeightsFromBytes } from '@lola-ts/nn-blocks';
import { Rng } from '@lola-ts/numerics';
import {
  byChannelIndex,
  FIELD_TRANSFORMS,
  fieldPostprocess,
  fieldPreprocess,
  type FieldPreprocessing,
  type FieldTransformName,
} from '@lola-ts/well-data';
import { compressionRate, latentShape } from './compression.js';
import { resolveDcaeConfig, type DcaeConfig } from './config.js';
import { initDcae, type Dcae } from './dcae.js';

/** The data section every AE run records: what the model expects as input. */
export interface AutoencoderRunData {
  /** Channel names in order (Well flattening: `momentum_x`, ...). */
  channels: string[];
  /** Spatial resolution the AE was trained on. */
  resolution: number[];
  /** Transform per channel name (other channels: identity). */
  transform: Record<string, FieldTransformName>;
  /** Per-channel mean and std after the transform. */
  mean: number[];
  std: number[];
}

/** Index-based preprocessing (well-data's `FieldPreprocessing`) of a run's data section. */
export function runPreprocessing(data: AutoencoderRunData): FieldPreprocessing {
  const transform = byChannelIndex(data.channels, data.transform, 'autoencoder run data', 'data.transform');
  return { transform, mean: data.mean, std: data.std };
}

/** Physical channels-last state(s) → standardised model input (docs/method.md §1). */
export function preprocessStates(data: AutoencoderRunData, x: Float32Array): Float32Array {
  return fieldPreprocess(x, data.channels.length, runPreprocessing(data));
}

/** Model output → physical units (inverse standardisation, then inverse transform). */
export function postprocessStates(data: AutoencoderRunData, y: Float32Array): Float32Array {
  return fieldPostprocess(y, data.channels.length, runPreprocessing(data));
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the `data` section of a resolved AE config. */
export function parseRunData(raw: unknown, source: string): AutoencoderRunData {
  if (!isMapping(raw)) throw new Error(`${source}: key "data" must be a mapping (the resolved data section of an AE run)`);
  const bad = (key: string, expected: string) => new Error(`${source}: data.${key} must be ${expected}, got ${JSON.stringify(raw[key])}`);
  const { channels, resolution, mean, std } = raw;
  const transform = raw.transform ?? {};
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === 'string'))
    throw bad('channels', 'a non-empty list of channel names');
  if (!Array.isArray(resolution) || !resolution.every((n) => Number.isInteger(n) && n > 0))
    throw bad('resolution', 'a list of positive integers');
  const nums = (v: unknown) =>
    Array.isArray(v) && v.length === channels.length && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!nums(mean)) throw bad('mean', `a list of ${channels.length} numbers (one per channel)`);
  if (!nums(std) || !(std as number[]).every((x) => x > 0)) throw bad('std', `a list of ${channels.length} positive numbers`);
  if (!isMapping(transform)) throw bad('transform', 'a mapping channel -> transform');
  for (const [k, t] of Object.entries(transform)) {
    if (!channels.includes(k)) throw new Error(`${source}: data.transform.${k}: not a channel (channels: ${channels.join(', ')})`);
    if (typeof t !== 'string' || !(t in FIELD_TRANSFORMS))
      throw new Error(
        `${source}: data.transform.${k}: expected one of ${Object.keys(FIELD_TRANSFORMS).join(', ')}, got ${JSON.stringify(t)}`,
      );
  }
  return {
    channels: channels as string[],
    resolution: resolution as number[],
    transform: transform as Record<string, FieldTransformName>,
    mean: mean as number[],
    std: std as number[],
  };
}

/** Compression rate of a run on its training resolution. */
export function runCompressionRate(run: { ae: Dcae; data: AutoencoderRunData }): number {
  return compressionRate(run.ae.config, [...run.data.resolution, run.data.channels.length]);
}

/** Latent shape of one state of a run, `[h, w, c_lat]`. */
export function runLatentShape(run: { ae: Dcae; data: AutoencoderRunData }): number[] {
  return latentShape(run.ae.config, run.data.resolution);
}

/** Checks a resolved AE run config (the parsed `config.yaml`, named `source` in errors). */
export function parseAutoencoderConfig(config: unknown, source: string): { aeConfig: DcaeConfig; data: AutoencoderRunData } {
  if (!isMapping(config)) throw new Error(`${source}: expected a mapping at the top level`);
  const aeConfig = resolveDcaeConfig(config.ae, `${source}: ae`);
  const data = parseRunData(config.data, source);
  if (data.channels.length !== aeConfig.pixChannels) {
    throw new Error(`${source}: ae.pixChannels is ${aeConfig.pixChannels} but data.channels lists ${data.channels.length} channels`);
  }
  return { aeConfig, data };
}

/**
 * Rebuilds a run's autoencoder from its resolved config and the bytes of its `weights.safetensors`
 * (`weightsSource` names that file in errors).
 */
export function autoencoderFromConfig(
  config: unknown,
  weights: Uint8Array,
  source: string,
  weightsSource = 'weights.safetensors',
): { ae: Dcae; data: AutoencoderRunData } {
  const { aeConfig, data } = parseAutoencoderConfig(config, source);
  const ae = initDcae(aeConfig, new Rng(0));
  try {
    loadWeightsFromBytes(weights, ae, weightsSource);
  } catch (e) {
    disposeParams(ae);
    throw e;
  }
  return { ae, data };
}
