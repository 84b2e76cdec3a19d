/**
 * The one place that infers the stage of a run written before runs recorded it. AE runs
 * (`lola-train ae`) wrote no `stage:`; dm/ns runs always did; caches wrote none either. A manifest
 * without `stage` is therefore: a cache when it is `cache.yaml`, an AE run when its `config.yaml` has
 * an `ae` section (and no `model` section, which only emulators have). Anything else is an error.
 */
import type { Stage } from './stage.js';

/** The stage of a legacy manifest (`file` names it in errors), or an error saying why none fits. */
export function inferLegacyStage(manifest: Record<string, unknown>, file: string): Stage {
  if (file.endsWith('cache.yaml')) return 'cache';
  if (manifest.ae !== undefined && manifest.model === undefined) return 'ae';
  throw new Error(`${file}: no 'stage' (ae, cache, dm or ns) and no 'ae' section: cannot tell what kind of run this is`);
}
