/**
 * The one interface every lola-ts function that draws at random takes (parameter initialisation,
 * dropout seeds, diffusion noise, context masks, simulator initial conditions). The seeded `Rng`
 * implements it; a test may pass any object with these methods (e.g. a deterministic stub).
 */
export interface RandomSource {
  /** Uniform double in [0, 1), or in [low, high) when both bounds are given. */
  uniform(low?: number, high?: number): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Normal draw N(mean, std²); standard normal by default. */
  normal(mean?: number, std?: number): number;
  /** Poisson(λ) count. */
  poisson(lambda: number): number;
}
