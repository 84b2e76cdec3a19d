/**
 * Gray–Scott parameters, the six Well patterns and the homogeneous fixed points.
 *
 * Equations (`docs/simulators.md` §4.1, `docs/well-format.md` §8.4):
 *   ∂A/∂t = δA ∇²A − A B² + F (1 − A),   ∂B/∂t = δB ∇²B + A B² − (F + k) B,
 * with δA = 2·10⁻⁵, δB = 1·10⁻⁵ on [−1, 1]², periodic.
 */

/** Diffusivity of species A used by The Well (`gen_gs.m`). */
export const GRAY_SCOTT_DELTA_A = 2e-5;
/** Diffusivity of species B used by The Well. */
export const GRAY_SCOTT_DELTA_B = 1e-5;

/** The six (F, k) sets of The Well's `gray_scott_reaction_diffusion` (docs/simulators.md §4.1). */
export const GRAY_SCOTT_PATTERNS = {
  gliders: { F: 0.014, k: 0.054 },
  bubbles: { F: 0.098, k: 0.057 },
  maze: { F: 0.029, k: 0.057 },
  worms: { F: 0.058, k: 0.065 },
  spirals: { F: 0.018, k: 0.051 },
  spots: { F: 0.03, k: 0.062 },
} as const satisfies Record<string, { F: number; k: number }>;

/** Name of one of The Well's six patterns. */
export type GrayScottPattern = keyof typeof GRAY_SCOTT_PATTERNS;

/** Pattern names in The Well's order. */
export const GRAY_SCOTT_PATTERN_NAMES = Object.keys(GRAY_SCOTT_PATTERNS) as GrayScottPattern[];

/** A homogeneous state (A, B). */
export interface GrayScottState {
  A: number;
  B: number;
}

/**
 * Saddle-node bound of the non-trivial homogeneous fixed points: they exist iff
 * k < (√F − 2F)/2 (docs/simulators.md §4.3 item 2), i.e. F + k ≤ √F / 2.
 */
export function saddleNodeBound(F: number): number {
  return (Math.sqrt(F) - 2 * F) / 2;
}

/**
 * The non-trivial homogeneous fixed points of the reaction terms (docs/simulators.md §4.3 item 2), or `[]` when
 * k ≥ (√F − 2F)/2. With a = √F/(F + k): A = (a ∓ √(a² − 4))/(2a), B = √F (a ± √(a² − 4))/2
 * (the formula of The Well's `init_fourier.m`). The first returned point is the one with the
 * larger B (the base state of the "Fourier" initial conditions); both are polished by two Newton
 * steps on F(1 − A) = A B², A B = F + k so that they are fixed to round-off.
 */
export function grayScottFixedPoints(F: number, k: number): GrayScottState[] {
  if (!(k < saddleNodeBound(F))) return [];
  const a = Math.sqrt(F) / (F + k);
  const root = Math.sqrt(a * a - 4);
  const points = [
    { A: (a - root) / (2 * a), B: (Math.sqrt(F) * (a + root)) / 2 },
    { A: (a + root) / (2 * a), B: (Math.sqrt(F) * (a - root)) / 2 },
  ];
  return points.map((p) => polishFixedPoint(p, F, k));
}

function polishFixedPoint(p: GrayScottState, F: number, k: number): GrayScottState {
  let { A, B } = p;
  for (let it = 0; it < 2; it++) {
    const r1 = -A * B * B + F * (1 - A);
    const r2 = A * B * B - (F + k) * B;
    const j11 = -B * B - F;
    const j12 = -2 * A * B;
    const j21 = B * B;
    const j22 = 2 * A * B - (F + k);
    const det = j11 * j22 - j12 * j21;
    if (det === 0) break;
    A -= (r1 * j22 - j12 * r2) / det;
    B -= (j11 * r2 - j21 * r1) / det;
  }
  return { A, B };
}

/** Reaction terms at one point: [−AB² + F(1 − A), AB² − (F + k)B] (docs/simulators.md §4.1). */
export function grayScottReaction(A: number, B: number, F: number, k: number): [number, number] {
  const ab2 = A * B * B;
  return [-ab2 + F * (1 - A), ab2 - (F + k) * B];
}

/** Parses a pattern name, with an error listing the six valid names. */
export function grayScottPattern(name: string): GrayScottPattern {
  if (!(name in GRAY_SCOTT_PATTERNS)) {
    throw new Error(`gray-scott: unknown pattern '${name}'; expected one of ${GRAY_SCOTT_PATTERN_NAMES.join(', ')}`);
  }
  return name as GrayScottPattern;
}
