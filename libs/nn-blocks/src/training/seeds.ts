/**
 * Randomness derived from (seed, step) so that a resumed run replays exactly what an uninterrupted
 * run would have drawn (issue 5: resume after kill -9 gives the same results up to the lost steps):
 * no generator state has to be saved; every stream is a pure function of the run seed, a stream
 * name and an index (step, epoch, pass).
 */
import { Rng } from '@lola-ts/numerics';

/** The generator of stream `name` at `index` (e.g. ('dropout', step), ('valid', epoch)). */
export function streamRng(seed: number | string, name: string, index: number): Rng {
  return new Rng(`${seed}/${name}/${index}`);
}

/** A permutation of 0..n−1 for pass `pass` over a dataset (Fisher–Yates from `streamRng`). */
export function passPermutation(seed: number | string, pass: number, n: number, name = 'order'): Int32Array {
  const perm = Array.from({ length: n }, (_, i) => i);
  streamRng(seed, name, pass).shuffle(perm);
  return Int32Array.from(perm);
}

/**
 * Sample indices of the batch at `step`: sample position p = step·B + j walks through successive
 * random permutations of the dataset (pass ⌊p / n⌋, entry p mod n), so every step's batch is a
 * function of (seed, step) and each pass sees every sample once.
 */
export class BatchOrder {
  private cache = new Map<number, Int32Array>();

  constructor(
    readonly seed: number | string,
    readonly datasetSize: number,
    readonly batchSize: number,
    readonly name = 'order',
  ) {
    if (!(datasetSize > 0) || !Number.isInteger(datasetSize))
      throw new RangeError(`BatchOrder: datasetSize must be a positive integer, got ${datasetSize}`);
    if (!(batchSize > 0) || !Number.isInteger(batchSize))
      throw new RangeError(`BatchOrder: batchSize must be a positive integer, got ${batchSize}`);
  }

  /** Indices (into the dataset) of the batch used at optimizer step `step` (0-based). */
  indices(step: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.batchSize; j++) {
      const p = step * this.batchSize + j;
      const pass = Math.floor(p / this.datasetSize);
      out.push(this.permutation(pass)[p % this.datasetSize]!);
    }
    return out;
  }

  private permutation(pass: number): Int32Array {
    let perm = this.cache.get(pass);
    if (!perm) {
      perm = passPermutation(this.seed, pass, this.datasetSize, this.name);
      if (this.cache.size >= 2) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(pass, perm);
    }
    return perm;
  }
}
