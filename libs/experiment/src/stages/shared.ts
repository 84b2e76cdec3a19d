/**
 * Schema parts every training stage shares (docs/architecture.md §4: one YAML schema per stage,
 * dotted overrides): the field transforms a config may name, and the `train` section. The stages
 * differ only in a few defaults, which `trainSchema` takes.
 */
import { s, type Schema } from '@lola-ts/nn-blocks';
import { FIELD_TRANSFORMS, type AugmentationName, type FieldTransformName } from '@lola-ts/well-data';

/** The per-field transforms a `data.transform` map may name (docs/method.md §1). */
export const TRANSFORMS = Object.keys(FIELD_TRANSFORMS) as FieldTransformName[];

/** The Well augmentations a stage config may list (docs/method.md §1). */
export const AUGMENTATIONS = [
  'random_axis_flip',
  'random_axis_permute',
  'random_axis_roll',
  'log_scalars',
] as const satisfies readonly AugmentationName[];

/** The defaults that differ between the AE and the emulator stages. */
export interface TrainDefaults {
  lr: number;
  beta2: number;
  validBatchSize: number;
}

/**
 * The fields of a stage's `train` section (optimiser, schedule, checkpoints; docs/method.md §12), with
 * `extra` (stage-only keys such as the AE's `loss`) after `gradClip`, where the resolved configs
 * have always written them.
 */
export function trainFields<E extends Record<string, Schema<unknown>>>(d: TrainDefaults, extra: E) {
  return {
    seed: s.withDefault(s.integer(), 0),
    batchSize: s.withDefault(s.integer({ min: 1 }), 16),
    epochs: s.integer({ min: 1 }),
    stepsPerEpoch: s.integer({ min: 1 }),
    lr: s.withDefault(s.number({ gt: 0 }), d.lr),
    schedule: s.withDefault(s.enum(['cosine', 'constant'] as const), 'cosine'),
    /** Cosine steps once per epoch (LoLa) or per step. */
    granularity: s.withDefault(s.enum(['epoch', 'step'] as const), 'epoch'),
    warmupSteps: s.withDefault(s.integer({ min: 0 }), 0),
    beta1: s.withDefault(s.number({ min: 0, max: 0.9999 }), 0.9),
    /** LoLa: 0.999 for the AEs, 0.99 for the emulators. */
    beta2: s.withDefault(s.number({ min: 0, max: 0.99999 }), d.beta2),
    eps: s.withDefault(s.number({ gt: 0 }), 1e-8),
    weightDecay: s.withDefault(s.number({ min: 0 }), 0),
    /** Global gradient-norm clip (docs/method.md §12: 1.0). */
    gradClip: s.withDefault(s.number({ gt: 0 }), 1),
    ...extra,
    validBatchSize: s.withDefault(s.integer({ min: 1 }), d.validBatchSize),
    /** Also save `last/` every this many steps (0: only at epoch ends). */
    checkpointEvery: s.withDefault(s.integer({ min: 0 }), 0),
    /**
     * Fraction of the total steps that may be skipped for a NaN/Inf loss or gradient before the run
     * stops with an error and a non-zero exit (docs/bad-inputs.md). Default 0.05 (nn-blocks
     * `DEFAULT_MAX_SKIPPED_FRACTION`); left out of the resolved config unless set, so runs started
     * before the key existed still resume.
     */
    maxSkippedFraction: s.optional(s.number({ min: 0, max: 1 })),
  };
}

/** Checks a parsed stage config cannot express in its schema: `problems` become one error naming `source`. */
export function throwConfigProblems(source: string, problems: readonly string[]): void {
  if (problems.length) throw new Error(`invalid config ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** How a loaded config is named in errors: the file, marked when dotted overrides were applied. */
export function configSource(path: string, overrides: readonly string[]): string {
  return overrides.length ? `${path} (with overrides)` : path;
}
