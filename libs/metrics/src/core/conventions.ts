/**
 * The constants that distinguish the two metric conventions. Keep them apart: LoLa's VRMSE uses
 * 1e-6, The Well's uses 1e-7 (method.md §13.2 note; well-format.md §6).
 */

/** LoLa's ε in VRMSE and NRMSE denominators (method.md §13.2). */
export const LOLA_EPS = 1e-6;

/** LoLa's ε in spread/skill = (spread + ε)/(skill + ε) (method.md §13.2). */
export const LOLA_SPREAD_SKILL_EPS = 1e-3;

/** LoLa's ε in the spectrum errors: (p_v + ε)/(p_u + ε) and c_uv + ε (method.md §13.4). */
export const LOLA_SPECTRUM_EPS = 1e-6;

/** LoLa's ε under the square root of the cross-spectrum error: √(p_u·p_v + ε²) (method.md §13.4). */
export const LOLA_SPECTRUM_EPS2 = 1e-12;

/** The Well's ε in every normalised metric (NMSE, VRMSE, NMAE, PearsonR, binned NMSE) (well-format.md §6). */
export const WELL_EPS = 1e-7;
