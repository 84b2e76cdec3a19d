/**
 * The writing side of ./manifest.ts: a training recipe opens its run directory through
 * `openStageRun`, which records `stage` in `<run>/config.yaml` with the package provenance, or
 * checks on resume that the stored config is the same (docs/architecture.md §3).
 */
import { collectProvenance, openRun, type OpenedRun } from '@lola-ts/nn-blocks';
import type { Stage } from './stage.js';

/**
 * Opens (fresh or resumed) the run directory `out` of a `stage` with its resolved config, which must
 * carry `stage`. `packages` are recorded under `provenance:`. `out` may differ on resume (a moved
 * run); so may `stage` for an AE run written before the stage was recorded (./legacy.ts).
 */
export function openStageRun(
  stage: Exclude<Stage, 'cache'>,
  out: string,
  resolved: { stage?: string },
  opts: { fresh?: boolean; packages: readonly string[] },
): OpenedRun {
  if (resolved.stage !== stage) throw new Error(`openStageRun: the resolved config records stage ${resolved.stage}, not ${stage}`);
  return openRun(out, resolved as Record<string, unknown>, {
    resume: opts.fresh ? 'never' : 'auto',
    provenance: collectProvenance([...opts.packages]),
    allowChanged: stage === 'ae' ? ['out', 'stage'] : ['out'],
  });
}
