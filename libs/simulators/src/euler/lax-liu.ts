/**
 * The 19 four-quadrant Riemann configurations of Lax & Liu (SIAM J. Sci. Comput. 19(2), 1998),
 * as tabulated in `docs/simulators.md` §2.2 (states cross-checked there against Kestener's
 * `initRiemannConfig2d.h`, Liska–Wendroff and Kurganov–Tadmor).
 *
 * Domain [0, 1]², discontinuities at x = ½ and y = ½; Q1 = (x > ½, y > ½), Q2 = (x < ½, y > ½),
 * Q3 = (x < ½, y < ½), Q4 = (x > ½, y < ½); γ = 1.4; each state is (ρ, u, v, p).
 * The final times of configs 2, 3, 4, 5, 6, 8, 12 are confirmed; the others are recollections
 * (docs/simulators.md §2.2, marked inferred there).
 */

/** A primitive state (ρ, u, v, p). */
export type PrimitiveState = readonly [rho: number, u: number, v: number, p: number];

export interface LaxLiuConfig {
  /** 1 … 19. */
  readonly id: number;
  readonly q1: PrimitiveState;
  readonly q2: PrimitiveState;
  readonly q3: PrimitiveState;
  readonly q4: PrimitiveState;
  /** Final time of the published figures. */
  readonly tFinal: number;
}

const cfg = (id: number, q1: PrimitiveState, q2: PrimitiveState, q3: PrimitiveState, q4: PrimitiveState, tFinal: number): LaxLiuConfig => ({
  id,
  q1,
  q2,
  q3,
  q4,
  tFinal,
});

/** The 19 configurations, index = id − 1. */
export const LAX_LIU_CONFIGS: readonly LaxLiuConfig[] = Object.freeze([
  cfg(1, [1, 0, 0, 1], [0.5197, -0.7259, 0, 0.4], [0.1072, -0.7259, -1.4045, 0.0439], [0.2579, 0, -1.4045, 0.15], 0.2),
  cfg(2, [1, 0, 0, 1], [0.5197, -0.7259, 0, 0.4], [1, -0.7259, -0.7259, 1], [0.5197, 0, -0.7259, 0.4], 0.2),
  cfg(3, [1.5, 0, 0, 1.5], [0.5323, 1.206, 0, 0.3], [0.138, 1.206, 1.206, 0.029], [0.5323, 0, 1.206, 0.3], 0.3),
  cfg(4, [1.1, 0, 0, 1.1], [0.5065, 0.8939, 0, 0.35], [1.1, 0.8939, 0.8939, 1.1], [0.5065, 0, 0.8939, 0.35], 0.25),
  cfg(5, [1, -0.75, -0.5, 1], [2, -0.75, 0.5, 1], [1, 0.75, 0.5, 1], [3, 0.75, -0.5, 1], 0.23),
  cfg(6, [1, 0.75, -0.5, 1], [2, 0.75, 0.5, 1], [1, -0.75, 0.5, 1], [3, -0.75, -0.5, 1], 0.3),
  cfg(7, [1, 0.1, 0.1, 1], [0.5197, -0.6259, 0.1, 0.4], [0.8, 0.1, 0.1, 0.4], [0.5197, 0.1, -0.6259, 0.4], 0.25),
  cfg(8, [0.5197, 0.1, 0.1, 0.4], [1, -0.6259, 0.1, 1], [0.8, 0.1, 0.1, 1], [1, 0.1, -0.6259, 1], 0.25),
  cfg(9, [1, 0, 0.3, 1], [2, 0, -0.3, 1], [1.039, 0, -0.8133, 0.4], [0.5197, 0, -0.4259, 0.4], 0.3),
  cfg(10, [1, 0, 0.4297, 1], [0.5, 0, 0.6076, 1], [0.2281, 0, -0.6076, 0.3333], [0.4562, 0, -0.4259, 0.3333], 0.15),
  cfg(11, [1, 0.1, 0, 1], [0.5313, 0.8276, 0, 0.4], [0.8, 0.1, 0, 0.4], [0.5313, 0.1, 0.7276, 0.4], 0.3),
  cfg(12, [0.5313, 0, 0, 0.4], [1, 0.7276, 0, 1], [0.8, 0, 0, 1], [1, 0, 0.7276, 1], 0.25),
  cfg(13, [1, 0, -0.3, 1], [2, 0, 0.3, 1], [1.0625, 0, 0.8145, 0.4], [0.5313, 0, 0.4276, 0.4], 0.3),
  cfg(14, [2, 0, -0.5606, 8], [1, 0, -1.2172, 8], [0.4736, 0, 1.2172, 2.6667], [0.9474, 0, 1.1606, 2.6667], 0.1),
  cfg(15, [1, 0.1, -0.3, 1], [0.5197, -0.6259, -0.3, 0.4], [0.8, 0.1, -0.3, 0.4], [0.5313, 0.1, 0.4276, 0.4], 0.2),
  cfg(16, [0.5313, 0.1, 0.1, 0.4], [1.0222, -0.6179, 0.1, 1], [0.8, 0.1, 0.1, 1], [1, 0.1, 0.8276, 1], 0.2),
  cfg(17, [1, 0, -0.4, 1], [2, 0, -0.3, 1], [1.0625, 0, 0.2145, 0.4], [0.5197, 0, -1.1259, 0.4], 0.3),
  cfg(18, [1, 0, 1, 1], [2, 0, -0.3, 1], [1.0625, 0, 0.2145, 0.4], [0.5197, 0, 0.2741, 0.4], 0.2),
  cfg(19, [1, 0, 0.3, 1], [2, 0, -0.3, 1], [1.0625, 0, 0.2145, 0.4], [0.5197, 0, -0.4259, 0.4], 0.3),
]);

/** Configuration `id` (1 … 19); throws a RangeError naming the valid range otherwise. */
export function laxLiuConfig(id: number): LaxLiuConfig {
  const c = Number.isInteger(id) ? LAX_LIU_CONFIGS[id - 1] : undefined;
  if (!c) throw new RangeError(`laxLiuConfig: configuration must be an integer in 1..19, got ${id}`);
  return c;
}
