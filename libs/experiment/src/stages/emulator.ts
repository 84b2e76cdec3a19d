/**
 * Config schema of `lola-train dm` and `lola-train ns` (docs/architecture.md §4; docs/method.md §4, §6, §8, §9,
 * §12). One schema for both stages: `diffusion` applies to dm only, `data.source: well` (the pixel
 * solver, `ns --pixel`) reads a Well dataset instead of a latent cache. The resolved config written
 * to `<run>/config.yaml` adds `stage`, the data-determined model fields (`model.channels`,
 * `model.spatial`, `model.labelFeatures`), the pixel preprocessing and an `info` block, so
 * `loadEmulatorRun` (../runs/emulator-run.ts) rebuilds the model from the run directory alone.
 */
import type { FieldTransformName } from '@lola-ts/well-data';
import { loadConfig, s, type Infer } from '@lola-ts/nn-blocks';
import { AUGMENTATIONS, configSource, throwConfigProblems, TRANSFORMS, trainFields } from './shared.js';

export const emulatorStageSchema = s.object({
  /** Run directory (`runs/dm/<name>` or `runs/ns/<name>`). */
  out: s.string(),
  /** Written by the trainer: dm or ns. */
  stage: s.optional(s.enum(['dm', 'ns'] as const)),
  data: s.object({
    /** `latent`: a latent cache directory (train.h5, valid.h5, cache.yaml); `well`: a Well dataset root (pixel solver). */
    source: s.withDefault(s.enum(['latent', 'well'] as const), 'latent'),
    path: s.string(),
    /** States per window (LoLa: 5). */
    window: s.withDefault(s.integer({ min: 2 }), 5),
    /** Time stride between window states (LoLa: 4 for 2-D data). */
    stride: s.withDefault(s.integer({ min: 1 }), 4),
    /** Fixed validation windows drawn once from the valid split. */
    validSamples: s.withDefault(s.integer({ min: 1 }), 64),
    /** Pixel source only: per-field transform by channel name, and standardisation stats (computed when absent). */
    transform: s.withDefault(s.record(s.enum(TRANSFORMS)), {} as Record<string, FieldTransformName>),
    mean: s.optional(s.array(s.number())),
    std: s.optional(s.array(s.number())),
    statsSamples: s.withDefault(s.integer({ min: 2 }), 256),
    /** Pixel source only: training augmentations (latent caches already hold augmented copies). */
    augment: s.withDefault(s.array(s.enum(AUGMENTATIONS)), []),
    /** Filled in by the trainer. */
    channels: s.optional(s.array(s.string())),
    labels: s.optional(s.array(s.string())),
    latentShape: s.optional(s.array(s.integer({ min: 1 }))),
    compressionRate: s.optional(s.nullable(s.number())),
  }),
  model: s.object({
    hidChannels: s.integer({ min: 2 }),
    hidBlocks: s.integer({ min: 1 }),
    heads: s.integer({ min: 1 }),
    /** Modulation / embedding features (LoLa: 256). */
    embFeatures: s.withDefault(s.integer({ min: 2 }), 256),
    dropout: s.withDefault(s.number({ min: 0, max: 0.99 }), 0.05),
    ffnFactor: s.withDefault(s.integer({ min: 1 }), 4),
    /** 1 for latents; e.g. [1, 4, 4] for the pixel solver. */
    patchSize: s.withDefault(s.array(s.integer({ min: 1 })), [1, 1, 1]),
    /** Filled in by the trainer from the data. */
    channels: s.optional(s.integer({ min: 1 })),
    spatial: s.optional(s.integer({ min: 1 })),
    labelFeatures: s.optional(s.integer({ min: 0 })),
  }),
  diffusion: s.withDefault(
    s.object({
      schedule: s.withDefault(
        s.object({
          name: s.withDefault(s.enum(['log_logit', 'log_linear'] as const), 'log_logit'),
          sigmaMin: s.withDefault(s.number({ gt: 0 }), 1e-3),
          sigmaMax: s.withDefault(s.number({ gt: 0 }), 1e3),
        }),
        { name: 'log_logit', sigmaMin: 1e-3, sigmaMax: 1e3 },
      ),
    }),
    { schedule: { name: 'log_logit', sigmaMin: 1e-3, sigmaMax: 1e3 } },
  ),
  /** Random context masks (docs/method.md §4.2). */
  mask: s.withDefault(
    s.object({
      lambda: s.withDefault(s.number({ min: 0 }), 1),
      rho: s.withDefault(s.number({ min: 0, max: 1 }), 0.66),
      atleast: s.withDefault(s.integer({ min: 0 }), 1),
    }),
    { lambda: 1, rho: 0.66, atleast: 1 },
  ),
  /** LoLa's emulators: β2 = 0.99. */
  train: s.object(trainFields({ lr: 1e-4, beta2: 0.99, validBatchSize: 16 }, {})),
  info: s.optional(s.record(s.nullable(s.number()))),
});

/** A dm/ns stage config as loaded (or as resolved by the trainer). */
export type EmulatorStageConfig = Infer<typeof emulatorStageSchema>;
/** The two emulator stages: latent diffusion model (dm) and neural solver (ns). */
export type EmulatorKind = 'dm' | 'ns';

/** Loads and validates a dm/ns stage config with dotted overrides; cross-field checks included. */
export function loadEmulatorStageConfig(path: string, overrides: readonly string[] = []): EmulatorStageConfig {
  const cfg = loadConfig(path, emulatorStageSchema, { overrides });
  checkEmulatorStageConfig(cfg, configSource(path, overrides));
  return cfg;
}

/** Checks that the schema cannot express: head sizes, even embeddings, the mask's context, the noise range. */
export function checkEmulatorStageConfig(cfg: EmulatorStageConfig, source: string): void {
  const problems: string[] = [];
  const m = cfg.model;
  if (m.hidChannels % m.heads !== 0) problems.push(`model.heads: ${m.heads} does not divide model.hidChannels = ${m.hidChannels}`);
  else if ((m.hidChannels / m.heads) % 2 !== 0)
    problems.push(`model.heads: the head size ${m.hidChannels / m.heads} must be even (RoPE rotates channel pairs)`);
  if (m.embFeatures % 2 !== 0) problems.push(`model.embFeatures: must be even (sine encoding), got ${m.embFeatures}`);
  if (cfg.mask.atleast >= cfg.data.window) problems.push(`mask.atleast: must be < data.window = ${cfg.data.window}`);
  const sched = cfg.diffusion.schedule;
  if (!(sched.sigmaMax > sched.sigmaMin)) problems.push(`diffusion.schedule.sigmaMax: must exceed sigmaMin = ${sched.sigmaMin}`);
  throwConfigProblems(source, problems);
}
