/** Product of a shape's sizes (1 for an empty shape): the element count of a row-major array. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}
