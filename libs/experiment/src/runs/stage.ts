/**
 * The stage a run directory belongs to (docs/architecture.md §3). Every run records it when written:
 * `stage:` in `<run>/config.yaml` (ae, dm, ns) or in `<cache>/cache.yaml` (cache).
 */

/** The four stages of the pipeline, in order. */
export const STAGES = ['ae', 'cache', 'dm', 'ns'] as const;

/** A stage name. */
export type Stage = (typeof STAGES)[number];

/** The manifest file of a stage's output directory: `config.yaml` for training runs, `cache.yaml` for latent caches. */
export function manifestFile(stage: Stage): 'config.yaml' | 'cache.yaml' {
  return stage === 'cache' ? 'cache.yaml' : 'config.yaml';
}
