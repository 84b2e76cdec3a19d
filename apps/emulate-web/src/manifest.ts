/**
 * What the site build embeds in `assets/emulate-data.js` and the page reads: the runs' resolved
 * configs with their weights, and a few test trajectories of the simulator (the truth). Binary
 * parts are base64 strings, so the page also works opened from `file://` (no fetch).
 */

/** One trained run: its resolved `config.yaml` as JSON and its `weights.safetensors` (base64). */
export interface SiteRun {
  /** Run directory name (e.g. `dm-c64`). */
  runId: string;
  /** `ae`, `dm` or `ns` (from the run's config). */
  kind: 'ae' | 'dm' | 'ns';
  config: Record<string, unknown>;
  /** The checkpoint that was exported (`last`, `best` or a directory). */
  checkpoint: string;
  weights: string;
}

/** One test trajectory: physical channels-last frames [T, ...resolution, C] (float32 LE, base64). */
export interface SiteTrajectory {
  /** Well file name and trajectory index in it. */
  file: string;
  traj: number;
  /** Time index of the first frame, and the stride between frames (in the file's steps). */
  start: number;
  stride: number;
  /** The model label (constant scalars + boundary codes), empty for unlabelled datasets. */
  label: number[];
  frames: string;
}

export interface SiteData {
  /** Format version of this object. */
  version: 1;
  /** When and from what the site was built. */
  built: { date: string; commit: string | null };
  dataset: string;
  /** Channel names (Well flattening), in the order of the frames' last axis. */
  channels: string[];
  /** Shape of one trajectory's frames: [T, ...resolution, C]. */
  shape: number[];
  ae: SiteRun;
  /** The latent emulators (DM and/or NS) trained on the AE's latents. */
  emulators: SiteRun[];
  trajectories: SiteTrajectory[];
  /** tfjs-backend-wasm binaries by file name (base64), for `setWasmPaths` as data: URLs. */
  wasm: Record<string, string>;
}

/** Name of the global the data script sets. */
export const SITE_DATA_GLOBAL = 'LOLA_EMULATE_DATA';

/** What `window.lolaEmulate.run` returns. */
export interface RunResult {
  backend: string;
  emulator: string;
  kind: string;
  members: number;
  steps: number;
  frames: number;
  shape: number[];
  channels: string[];
  /** Physical emulated frames [S, T, ...resolution, C], flattened. */
  values: number[];
  /** LoLa VRMSE of the ensemble mean, [T][C]. */
  vrmse: number[][];
  /** (rollout + decode) seconds per state, all windows and without the first (warm-up) one. */
  secondsPerState: number;
  secondsPerStateWarm: number;
  windows: { seconds: number; states: number }[];
  compressionRate: number;
}

export interface RunRequest {
  emulator?: string;
  traj?: number;
  frames?: number;
  members?: number;
  steps?: number;
  seed?: number;
}
