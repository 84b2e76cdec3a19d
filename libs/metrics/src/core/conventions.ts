/**
 * The constants that distinguish the two metric conventions. Keep them apart: LoLa's VRMSE uses
 * 1e-6, The Well's uses 1e-7 (docs/method.md §13.2 note; docs/well-format.md §6).
 */

/** LoLa's ε in VRMSE and NRMSE denominators (docs/method.md §13.2). */
export const LOLA_EPS = 1e-6;

/** LoLa's ε in spread/skill = (spread + ε)/(skill + ε) (docs/method.md §13.2). */
export const LOLA_SPREAD_SKILL_EPS = 1e-3;

/** LoLa's ε in the spectrum errors: (p_v + ε)/(p_u + ε) and c_uv + ε (docs/method.md §13.4). */
export const LOLA_SPECTRUM_EPS = 1e-6;

/** LoLa's ε under the square root of the cross-spectrum error: √(p_u·p_v + ε²) (docs/method.md §13.4). */
export const LOLA_SPECTRUM_EPS2 = 1e-12;

/** The Well's ε in every normalised metric (NMSE, VRMSE, NMAE, PearsonR, binned NMSE) (docs/well-format.md §6). */
export const WELL_EPS = 1e-7;
