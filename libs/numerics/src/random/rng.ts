/**
 * Seeded pseudo-random numbers for everything in lola-ts that draws at random (simulator initial
 * conditions, augmentations, window sampling, context masks, parameter initialisation).
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018), 128-bit state, seeded through splitmix32 so that
 * any 32-bit seed (or a string) gives a well-mixed state. Same seed -> same sequence on every
 * platform: only 32-bit integer arithmetic (`Math.imul`, `>>>`) is used.
 */
import { logGamma } from './log-gamma.js';
import type { RandomSource } from './random-source.js';
import { seedState } from './seed.js';

/** The seeded generator (xoshiro128**): uniform, integer, normal and Poisson draws, shuffles and forked child streams. */
export class Rng implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  /** @param seed an integer (any JS number is folded to 32 bits) or a string. */
  constructor(seed: number | string) {
    [this.s0, this.s1, this.s2, this.s3] = seedState(seed);
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform double in [low, high). */
  uniform(low: number, high: number): number;
  uniform(low = 0, high = 1): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    const u = (hi * 67108864 + lo) / 9007199254740992;
    return low + (high - low) * u;
  }

  /** Integer uniform in [0, n) (unbiased, rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }

  /** Standard normal draw (Marsaglia polar method), or N(mean, std²). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + std * u * f;
  }

  /**
   * Poisson(λ) draw. Knuth's multiplication method for λ < 30, otherwise Hörmann's PTRS
   * (transformed rejection with squeeze, 1993), both exact.
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`Rng.poisson: lambda must be finite and >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
    }
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i]!;
      array[i] = array[j]!;
      array[j] = tmp;
    }
    return array;
  }

  /** Picks one element uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.choice: empty list');
    return items[this.int(items.length)]!;
  }

  /** Fills `out` with N(0, 1) draws (as float32 or float64). */
  fillNormal<A extends Float32Array | Float64Array>(out: A, mean = 0, std = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /**
   * An independent child stream, derived from this generator's next draw and `tag`, so that
   * sub-tasks (one per trajectory, per worker, per layer) get reproducible, non-overlapping draws.
   */
  fork(tag: string | number = ''): Rng {
    return new Rng(`${this.nextUint32()}:${this.nextUint32()}:${tag}`);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
