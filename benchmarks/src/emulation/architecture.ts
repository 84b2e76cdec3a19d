/**
 * The architectures the emulation speed suite instantiates (randomly initialised, fixed seed:
 * speed only). The autoencoders come from `configs/ae-euler-c{64,16,4}.yaml` (their `ae:`
 * section) and the emulators' ViT from the `model:` section of `configs/{dm,ns}-euler-c{64,16,4}.yaml`
 * (pixel models: `ns-euler-pixel.yaml`, whose patchSize also sets the pixel patch) when those files
 * exist, read as stage configs by @lola-ts/experiment (`readAeStageFile`, `readEmulatorStageFile`);
 * otherwise from the small-scale defaults of docs/method.md §14.2, stated here:
 * ViT D = 128, 4 blocks, 4 heads (embedding 256, FFN 4×, patch 1 on latents) and a DCAE f8 with
 * widths 32–64–128–256, one ResBlock per level, no attention, softclip2.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downsamplingFactor, resolveDcaeConfig, type DcaeConfig } from '@lola-ts/autoencoders';
import { readAeStageFile, readEmulatorStageFile } from '@lola-ts/experiment';

/** The emulators' ViT backbone size. */
export interface VitArchitecture {
  hidChannels: number;
  hidBlocks: number;
  heads: number;
  /** Modulation / embedding features (LoLa: 256). */
  embFeatures: number;
  /** The config's patchSize for a pixel-space model (`data.source: well`). */
  patchSize?: number[];
  /** Where it came from: a config file or `built-in default`. */
  source: string;
}

/** One autoencoder (a compression rate), without `pixChannels` (set from the system's fields). */
export interface AeArchitecture {
  latChannels: number;
  hidChannels: number[];
  hidBlocks: number[];
  attentionHeads: Record<number, number>;
  saturation: DcaeConfig['saturation'];
  source: string;
}

export const DEFAULT_VIT: Omit<VitArchitecture, 'source'> = { hidChannels: 128, hidBlocks: 4, heads: 4, embFeatures: 256 };
export const DEFAULT_AE_WIDTHS = [32, 64, 128, 256];
export const DEFAULT_AE_BLOCKS = [1, 1, 1, 1];
/** Latent channels of the three compression rates (the paper's c64, c16, c4). */
export const DEFAULT_LAT_CHANNELS = [64, 16, 4];

/** The repository's `configs/` folder (this file is `benchmarks/{src,dist}/emulation/*`). */
export function defaultConfigDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'configs');
}

/**
 * The ViT of `configs/<kind>-euler-<variant>.yaml` (variant `c64`, `c16`, `c4` or `pixel`), else
 * of the first `configs/<kind>-euler*.yaml` by name, else the default.
 */
export function loadVitArchitecture(kind: 'dm' | 'ns', configDir: string | null, variant?: string): VitArchitecture {
  if (configDir && existsSync(configDir)) {
    const all = readdirSync(configDir)
      .filter((f) => new RegExp(`^${kind}-euler.*\\.ya?ml$`).test(f))
      .sort();
    const exact = variant ? all.filter((f) => f.replace(/\.ya?ml$/, '') === `${kind}-euler-${variant}`) : [];
    const f = [...exact, ...all][0];
    if (f) {
      const file = path.join(configDir, f);
      const cfg = readEmulatorStageFile(file);
      const m = cfg.model;
      return {
        hidChannels: m.hidChannels,
        hidBlocks: m.hidBlocks,
        heads: m.heads,
        embFeatures: m.embFeatures,
        ...(cfg.data.source === 'well' ? { patchSize: m.patchSize } : {}),
        source: path.relative(process.cwd(), file) || file,
      };
    }
  }
  return { ...DEFAULT_VIT, source: 'built-in default (docs/method.md §14.2: D=128, 4 blocks, 4 heads)' };
}

/** The square spatial patch p of a config's patchSize ([1, p, p], [p, p] or [p]), else null. */
export function squarePatch(patchSize: number[] | undefined): number | null {
  if (!patchSize) return null;
  const spatial = patchSize.length === 3 ? patchSize.slice(1) : patchSize.length === 2 ? patchSize : [patchSize[0]!, patchSize[0]!];
  return spatial[0] === spatial[1] && (patchSize.length !== 3 || patchSize[0] === 1) ? spatial[0]! : null;
}

/**
 * The autoencoder with `latChannels` = c: the `ae:` section of `configs/ae-euler-c<c>.yaml` when it
 * exists (validated as an AE stage config; errors name the file and key), else the f8 default.
 */
export function loadAeArchitecture(latChannels: number, configDir: string | null, pixChannels: number): AeArchitecture {
  const file = configDir ? path.join(configDir, `ae-euler-c${latChannels}.yaml`) : null;
  if (file && existsSync(file)) {
    const cfg = resolveDcaeConfig({ ...readAeStageFile(file).ae, pixChannels, dropout: 0 }, `${file}: ae`);
    if (cfg.spatial !== 2) throw new Error(`${file}: ae.spatial: the emulation suite runs 2-D Euler; expected 2, got ${cfg.spatial}`);
    if (cfg.latChannels !== latChannels)
      throw new Error(`${file}: ae.latChannels is ${cfg.latChannels}, but the file name says c${latChannels}`);
    return {
      latChannels,
      hidChannels: cfg.hidChannels,
      hidBlocks: cfg.hidBlocks,
      attentionHeads: cfg.attentionHeads,
      saturation: cfg.saturation,
      source: path.relative(process.cwd(), file) || file,
    };
  }
  return {
    latChannels,
    hidChannels: [...DEFAULT_AE_WIDTHS],
    hidBlocks: [...DEFAULT_AE_BLOCKS],
    attentionHeads: {},
    saturation: 'softclip2',
    source: 'built-in default (DCAE f8, widths 32-64-128-256, 1 block per level)',
  };
}

/** The full DCAE config of an architecture for a system with `pixChannels` channels (dropout off). */
export function dcaeConfigOf(a: AeArchitecture, pixChannels: number): DcaeConfig {
  return resolveDcaeConfig({
    pixChannels,
    latChannels: a.latChannels,
    hidChannels: a.hidChannels,
    hidBlocks: a.hidBlocks,
    attentionHeads: a.attentionHeads,
    saturation: a.saturation,
    dropout: 0,
    spatial: 2,
  });
}

/** Spatial down-sampling factor f of an architecture. */
export function aeFactor(a: AeArchitecture): number {
  return downsamplingFactor(a);
}
