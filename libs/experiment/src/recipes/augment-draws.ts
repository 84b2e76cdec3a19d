/**
 * Distinct augmentation draws for the `repeat` cached copies of one trajectory (docs/method.md §3: "if a
 * drawn augmentation matches a copy already stored, it is re-drawn"). The draws of trajectory g
 * depend only on (seed, split, g), so an interrupted cache resumes with the same copies.
 */
import { Rng } from '@lola-ts/numerics';
import { drawAugmentation, type AugmentationDraw, type AugmentationName } from '@lola-ts/well-data';

/** Canonical key of a draw: two draws with the same key produce the same augmented copy. */
export function drawKey(d: AugmentationDraw, nd: number): string {
  const flip = d.flip ?? Array<boolean>(nd).fill(false);
  const perm = d.permutation ?? Array.from({ length: nd }, (_, i) => i);
  const roll = d.roll ?? Array<number>(nd).fill(0);
  return `${flip.map(Number).join('')}|${perm.join(',')}|${roll.join(',')}|${d.logScalars ? 1 : 0}`;
}

/** Upper bound on re-draws per copy before accepting a duplicate (fewer distinct draws than copies). */
export const MAX_REDRAWS = 64;

/**
 * `repeat` draws for trajectory `index` of `split`; duplicates are re-drawn up to `MAX_REDRAWS`
 * times (then kept: a split with fewer distinct augmentations than copies still gets `repeat`).
 */
export function trajectoryDraws(
  names: readonly AugmentationName[],
  repeat: number,
  seed: number | string,
  split: string,
  index: number,
  ctx: { gridType: string; resolution: readonly number[]; boundaryConditions: readonly (readonly number[])[] },
): { draws: AugmentationDraw[]; duplicates: number } {
  const rng = new Rng(`${seed}/cache/${split}/${index}`);
  const nd = ctx.resolution.length;
  const seen = new Set<string>();
  const draws: AugmentationDraw[] = [];
  let duplicates = 0;
  for (let k = 0; k < repeat; k++) {
    let d = drawAugmentation(names, rng, ctx);
    for (let attempt = 0; seen.has(drawKey(d, nd)) && attempt < MAX_REDRAWS; attempt++) d = drawAugmentation(names, rng, ctx);
    if (seen.has(drawKey(d, nd))) duplicates++;
    seen.add(drawKey(d, nd));
    draws.push(d);
  }
  return { draws, duplicates };
}
