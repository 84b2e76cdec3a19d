/**
 * Config schema of `lola-train ae` (docs/architecture.md §4: one YAML schema per stage, dotted overrides).
 * The resolved config written to `<run>/config.yaml` adds what the data determine (`data.channels`,
 * `data.resolution`, `data.mean`, `data.std`, `ae.pixChannels`) and an `info` block, so the run
 * directory alone is enough to reuse the AE (`loadAutoencoderRun`, ../runs/autoencoder-run.ts).
 */
import { resolveDcaeConfig, SATURATIONS, validateLossWeights, LOSS_NAMES, type DcaeConfig, type LossWeights } from '@lola-ts/autoencoders';
import { loadConfig, s, type Infer } from '@lola-ts/nn-blocks';
import type { AugmentationName, FieldTransformName } from '@lola-ts/well-data';
import { AUGMENTATIONS, configSource, TRANSFORMS, trainFields } from './shared.js';

const numberList = s.array(s.number());

export const aeStageSchema = s.object({
  /** Run directory (`runs/ae/<name>`). */
  out: s.string(),
  /** Written by the trainer since the stage was recorded (runs without it are AE runs, ../runs/legacy.ts). */
  stage: s.optional(s.enum(['ae'] as const)),
  data: s.object({
    /** Dataset root: the directory holding `data/{train,valid,test}` and `stats.yaml`. */
    path: s.string(),
    /** LoLa per-field transform by channel name (docs/method.md §1), e.g. `{energy: log1p}`. */
    transform: s.withDefault(s.record(s.enum(TRANSFORMS)), {} as Record<string, FieldTransformName>),
    /** Per-channel mean / std after the transform; computed from `statsSamples` training snapshots when absent. */
    mean: s.optional(numberList),
    std: s.optional(numberList),
    statsSamples: s.withDefault(s.integer({ min: 2 }), 1024),
    /** Training augmentations (The Well's classes, docs/method.md §1). */
    augment: s.withDefault(s.array(s.enum(AUGMENTATIONS)), [
      'random_axis_flip',
      'random_axis_permute',
      'random_axis_roll',
    ] as AugmentationName[]),
    /** Validation snapshots (fixed set drawn once from the valid split, no augmentation). */
    validSamples: s.withDefault(s.integer({ min: 1 }), 128),
    /** Filled in by the trainer (checked against the dataset when given). */
    channels: s.optional(s.array(s.string())),
    resolution: s.optional(s.array(s.integer({ min: 1 }))),
  }),
  ae: s.object({
    pixChannels: s.optional(s.integer({ min: 1 })),
    latChannels: s.integer({ min: 1 }),
    hidChannels: s.array(s.integer({ min: 1 }), { minLength: 1 }),
    hidBlocks: s.array(s.integer({ min: 0 }), { minLength: 1 }),
    spatial: s.withDefault(s.enum([2, 3] as const), 2),
    attentionHeads: s.withDefault(s.record(s.integer({ min: 1 })), {}),
    dropout: s.withDefault(s.number({ min: 0, max: 0.99 }), 0.05),
    saturation: s.withDefault(s.enum(SATURATIONS), 'softclip2'),
  }),
  train: s.object(
    trainFields(
      { lr: 3e-4, beta2: 0.999, validBatchSize: 32 },
      {
        /** Weighted sum of reconstruction losses (docs/method.md §2.6; L1 for the paper's Euler AEs). */
        loss: s.withDefault(s.record(s.number({ min: 0 })), { l1: 1 } as Record<string, number>),
      },
    ),
  ),
  /** Written by the trainer: compression rate, latent shape, parameter count. */
  info: s.optional(s.record(s.nullable(s.number()))),
});

/** An AE stage config as loaded (or as resolved by the trainer). */
export type AeStageConfig = Infer<typeof aeStageSchema>;

/** Loads `path` with dotted overrides, validates it and runs the cross-field checks. */
export function loadAeStageConfig(path: string, overrides: readonly string[] = []): AeStageConfig {
  const cfg = loadConfig(path, aeStageSchema, { overrides });
  checkAeStageConfig(cfg, configSource(path, overrides));
  return cfg;
}

/** Checks that the schema cannot express: loss names, level counts, heads dividing channels. */
export function checkAeStageConfig(cfg: AeStageConfig, source: string): void {
  const lossKeys = Object.keys(cfg.train.loss).filter((k) => !(LOSS_NAMES as readonly string[]).includes(k));
  if (lossKeys.length)
    throw new Error(`invalid config ${source}:\n  - train.loss.${lossKeys[0]}: unknown loss (expected one of ${LOSS_NAMES.join(', ')})`);
  validateLossWeights(cfg.train.loss, `invalid config ${source}: train.loss`);
  const probe = { ...cfg.ae, pixChannels: cfg.ae.pixChannels ?? 1 };
  try {
    resolveDcaeConfig(probe, 'ae');
  } catch (e) {
    throw new Error(`invalid config ${source}:\n  - ${(e as Error).message}`);
  }
  if (cfg.data.mean && cfg.data.std && cfg.data.mean.length !== cfg.data.std.length) {
    throw new Error(
      `invalid config ${source}:\n  - data.std: expected ${cfg.data.mean.length} values like data.mean, got ${cfg.data.std.length}`,
    );
  }
}

/** The model config of a resolved stage config (pixChannels filled in). */
export function dcaeConfigOf(cfg: AeStageConfig, pixChannels: number): DcaeConfig {
  return resolveDcaeConfig({ ...cfg.ae, pixChannels }, 'ae');
}

/** The validated loss weights of `train.loss`. */
export function lossWeightsOf(cfg: AeStageConfig): LossWeights {
  return validateLossWeights(cfg.train.loss, 'train.loss');
}
