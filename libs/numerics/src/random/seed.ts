/**
 * Seeds of the project's generator: any JS number or string folded to one 32-bit word, then
 * expanded to the 128-bit xoshiro128** state through splitmix32.
 */

/** FNV-1a over UTF-16 code units, then one avalanche round. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h | 0;
}

/** A 32-bit seed word: integers in (−2³¹, 2³¹) as they are, other finite numbers hashed through their decimal text. */
export function foldNumber(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number or a string, got ${seed}`);
  if (Number.isInteger(seed) && Math.abs(seed) < 2 ** 31) return seed | 0;
  return hashString(String(seed));
}

/** The four 32-bit state words for a seed (splitmix32 steps from the folded word; never all zero). */
export function seedState(seed: number | string): [number, number, number, number] {
  let x = typeof seed === 'string' ? hashString(seed) : foldNumber(seed);
  const next = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s: [number, number, number, number] = [next(), next(), next(), next()];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}
