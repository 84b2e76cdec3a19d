/**
 * The cache stage (`lola-train cache`, docs/method.md §3): its settings, and the manifest
 * `<out>/cache.yaml` it writes beside the latent stores `<out>/{train,valid,test}.h5`. Emulator runs
 * name the cache as `data.path`; the manifest says which AE run made it (`aeRun`), so a run
 * directory alone leads back to the autoencoder.
 */
import { s, type Infer } from '@lola-ts/nn-blocks';
import type { AugmentationName, WellSplit } from '@lola-ts/well-data';
import { AUGMENTATIONS } from './shared.js';

/** Settings of one `cacheLatents` call (the `lola-train cache` flags). */
export interface CacheSettings {
  /** Dataset root (`data/{train,valid,test}`). */
  data: string;
  /** Output directory (`<out>/<split>.h5` + `cache.yaml`). */
  out: string;
  /** Augmented copies of each training trajectory (LoLa: 4). */
  repeat: number;
  splits: WellSplit[];
  /** Augmentations (default: the AE run's training augmentations). */
  augment?: AugmentationName[];
  seed: number;
  /** Frames per encoder call. */
  batch: number;
}

const splitEntry = s.object({
  file: s.string(),
  trajectories: s.integer({ min: 0 }),
  nSteps: s.integer({ min: 0 }),
  repeat: s.integer({ min: 0 }),
  augment: s.array(s.enum(AUGMENTATIONS)),
});

/**
 * `cache.yaml`. Every key is optional when read, so hand-written caches (test fixtures) and caches
 * written before `stage` was recorded still read; `lola-train cache` writes them all.
 */
export const cacheManifestSchema = s.object({
  stage: s.optional(s.enum(['cache'] as const)),
  /** The AE run directory that encoded the cache, its id (directory name) and checkpoint directory. */
  aeRun: s.optional(s.string()),
  aeRunId: s.optional(s.string()),
  checkpoint: s.optional(s.string()),
  /** The Well dataset root that was encoded. */
  data: s.optional(s.string()),
  compressionRate: s.optional(s.nullable(s.number())),
  latentShape: s.optional(s.array(s.integer({ min: 1 }))),
  /** The AE's input channels, and the names of the label features (constant scalars, then BC codes). */
  channels: s.optional(s.array(s.string())),
  labels: s.optional(s.array(s.string())),
  repeat: s.optional(s.integer({ min: 1 })),
  augment: s.optional(s.array(s.enum(AUGMENTATIONS))),
  seed: s.optional(s.integer()),
  splits: s.optional(s.record(splitEntry)),
});

/** A parsed `cache.yaml`. */
export type CacheManifest = Infer<typeof cacheManifestSchema>;
