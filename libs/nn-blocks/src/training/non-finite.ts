/**
 * Non-finite training is an error, not a silent success (issue 15, docs/bad-inputs.md): a step
 * whose loss or gradient is NaN/Inf is skipped (optim/step.ts), but once more than
 * `maxSkippedFraction` of the run's total steps were skipped the run can no longer meet that bound
 * and `trainLoop` stops with a `SkippedStepsError`; a NaN/Inf validation loss stops it at once.
 */

/** Default of `train.maxSkippedFraction`: at most 5% of the steps may be skipped. */
export const DEFAULT_MAX_SKIPPED_FRACTION = 0.05;

/** Too many steps had a non-finite loss or gradient. */
export class SkippedStepsError extends Error {
  override readonly name = 'SkippedStepsError';
  constructor(
    readonly step: number,
    readonly skipped: number,
    readonly totalSteps: number,
    readonly maxSkippedFraction: number,
    readonly firstSkippedStep: number | null,
    /** The run's `last/` directory when it holds a checkpoint, else null. */
    lastCheckpoint: string | null,
  ) {
    super(
      `training stopped at step ${step}: ${skipped} step(s) skipped because the loss or gradient was not finite` +
        `${firstSkippedStep === null ? '' : ` (first at step ${firstSkippedStep})`}, more than train.maxSkippedFraction=${maxSkippedFraction}` +
        ` of the ${totalSteps} total steps allows (${allowedSkips(totalSteps, maxSkippedFraction)}); ` +
        `check the data and the learning rate; ${lastCheckpoint ? `${lastCheckpoint} holds the last checkpoint written before` : 'no checkpoint was written'}`,
    );
  }
}

/** The validation loss came out NaN/Inf. */
export class NonFiniteValidationError extends Error {
  override readonly name = 'NonFiniteValidationError';
  constructor(
    readonly value: number,
    readonly epoch: number,
    readonly step: number,
  ) {
    super(
      `validation loss is ${value} after epoch ${epoch} (step ${step}): the model's outputs or the valid split are not finite; training stopped`,
    );
  }
}

/** How many skipped steps a run of `totalSteps` may have. */
export function allowedSkips(totalSteps: number, maxSkippedFraction: number): number {
  return Math.floor(maxSkippedFraction * totalSteps + 1e-9);
}

/** Checks `train.maxSkippedFraction` (a number in [0, 1]). */
export function checkMaxSkippedFraction(v: number): number {
  if (!(typeof v === 'number' && v >= 0 && v <= 1))
    throw new RangeError(`trainLoop: maxSkippedFraction must be a number in [0, 1], got ${v}`);
  return v;
}
