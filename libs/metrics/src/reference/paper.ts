/**
 * The published reference numbers lola-ts compares itself against (docs/reference-results.md):
 * the LoLa paper's VRMSE by dataset × method × compression × lead-time bin (§2), its timings per
 * emulated state (§6), and The Well's one-step VRMSE baselines (§8.2). Fixed data, never measured here.
 */

export type ReferenceMethod = 'ae' | 'dm' | 'ns';

export interface PaperVrmseRow {
  dataset: 'euler' | 'rayleigh_benard' | 'turbulence_gravity_cooling';
  method: ReferenceMethod;
  /** Compression rate; 1 = the pixel-space baseline. */
  compressionRate: number;
  /** VRMSE per lead-time bin, in the order of `PAPER_LEAD_TIME_BINS[dataset]`. */
  vrmse: [number, number, number];
}

/** Lead-time bins [first, last] in simulator steps, inclusive (docs/reference-results.md §2). */
export const PAPER_LEAD_TIME_BINS: Record<PaperVrmseRow['dataset'], [[number, number], [number, number], [number, number]]> = {
  euler: [
    [1, 20],
    [21, 60],
    [61, 100],
  ],
  rayleigh_benard: [
    [1, 20],
    [21, 60],
    [61, 160],
  ],
  turbulence_gravity_cooling: [
    [1, 10],
    [11, 30],
    [31, 50],
  ],
};

const rows = (dataset: PaperVrmseRow['dataset'], table: [ReferenceMethod, number, number, number, number][]): PaperVrmseRow[] =>
  table.map(([method, compressionRate, a, b, c]) => ({ dataset, method, compressionRate, vrmse: [a, b, c] }));

/** Paper VRMSE (mean over 64 test trajectories, fields, contexts 1–3, lead times in the bin; physical units; eps 1e-6). */
export const PAPER_VRMSE: readonly PaperVrmseRow[] = [
  ...rows('euler', [
    ['ae', 80, 0.011, 0.015, 0.02],
    ['ae', 320, 0.025, 0.042, 0.061],
    ['ae', 1280, 0.067, 0.109, 0.145],
    ['dm', 80, 0.075, 0.199, 0.395],
    ['dm', 320, 0.07, 0.192, 0.371],
    ['dm', 1280, 0.093, 0.217, 0.4],
    ['ns', 1, 0.138, 0.397, 1.102],
    ['ns', 80, 0.077, 0.232, 0.5],
    ['ns', 320, 0.08, 0.232, 0.476],
    ['ns', 1280, 0.137, 0.314, 0.592],
  ]),
  ...rows('rayleigh_benard', [
    ['ae', 64, 0.027, 0.036, 0.018],
    ['ae', 256, 0.054, 0.072, 0.039],
    ['ae', 1024, 0.108, 0.14, 0.087],
    ['dm', 64, 0.157, 0.469, 0.625],
    ['dm', 256, 0.177, 0.474, 0.621],
    ['dm', 1024, 0.219, 0.507, 0.657],
    ['ns', 1, 0.245, 0.629, 0.87],
    ['ns', 64, 0.219, 0.645, 0.828],
    ['ns', 256, 0.235, 0.651, 0.834],
    ['ns', 1024, 0.256, 0.644, 0.827],
  ]),
  ...rows('turbulence_gravity_cooling', [
    ['ae', 48, 0.151, 0.116, 0.129],
    ['ae', 192, 0.229, 0.175, 0.189],
    ['ae', 768, 0.338, 0.272, 0.276],
    ['dm', 48, 0.297, 0.523, 0.675],
    ['dm', 192, 0.342, 0.527, 0.665],
    ['dm', 768, 0.425, 0.575, 0.694],
    ['ns', 48, 0.302, 0.599, 0.826],
    ['ns', 192, 0.361, 0.632, 0.835],
    ['ns', 768, 0.462, 0.71, 0.92],
  ]),
];

/** Seconds per emulated state on one datacenter GPU, as stated in the paper (docs/reference-results.md §6). */
export const PAPER_SECONDS_PER_STATE: Record<'simulator' | 'pixel-ns' | 'ns' | 'pixel-dm' | 'dm', { value: number; approximate: boolean }> =
  {
    simulator: { value: 10, approximate: true },
    'pixel-ns': { value: 0.056, approximate: false },
    ns: { value: 0.013, approximate: false },
    'pixel-dm': { value: 1, approximate: true },
    dm: { value: 0.084, approximate: false },
  };

/** The Well's one-step test VRMSE (eps 1e-7, field-averaged), docs/reference-results.md §8.2–8.3. */
export const WELL_ONE_STEP_TEST_VRMSE: Record<string, { fno: number; tfno: number; unet: number; cnextunet: number }> = {
  euler_multi_quadrants_periodicBC: { fno: 0.4081, tfno: 0.4163, unet: 0.1834, cnextunet: 0.1531 },
  rayleigh_benard: { fno: 0.8395, tfno: 0.6566, unet: 1.486, cnextunet: 0.6699 },
  turbulence_gravity_cooling: { fno: 0.2429, tfno: 0.2673, unet: 0.6753, cnextunet: 0.2096 },
  gray_scott_reaction_diffusion: { fno: 0.1365, tfno: 0.3633, unet: 0.2252, cnextunet: 0.1761 },
};

/** The paper's dataset key for a Well dataset name (Euler open/periodic were merged into one model). */
export function paperDatasetOf(wellDatasetName: string): PaperVrmseRow['dataset'] | undefined {
  if (wellDatasetName.startsWith('euler_multi_quadrants')) return 'euler';
  if (wellDatasetName.startsWith('rayleigh_benard')) return 'rayleigh_benard';
  if (wellDatasetName.startsWith('turbulence_gravity_cooling')) return 'turbulence_gravity_cooling';
  return undefined;
}
