/**
 * Emulator run directories written by `lola-train dm|ns` (docs/architecture.md §3): `config.yaml` holds
 * `stage` (dm | ns), `model` (the full model config: channels, spatial, sizes, labelFeatures,
 * patchSize), `diffusion.schedule` for a DM, and `data` (window, stride, and for pixel solvers the
 * preprocessing); `last/` and `best/` hold `weights.safetensors`. `loadEmulatorRun` rebuilds the
 * model from the config and loads the weights, so the evaluator needs only the run directory.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DiffusionModelConfig, DiffusionModelParams, NoiseSchedule } from '@lola-ts/diffusion';
import { emulatorFromConfig } from '@lola-ts/emulation';
import type { SolverConfig, SolverParams } from '@lola-ts/solvers';
import { runCheckpoint, type CheckpointChoice } from './checkpoint.js';
import type { EmulatorRunData } from './emulator-data.js';
import { readRunManifest, type EmulatorRunManifest } from './manifest.js';

interface EmulatorRunBase {
  dir: string;
  runId: string;
  checkpoint: string;
  /** The data section (latent cache or pixel preprocessing). */
  data: EmulatorRunData;
  config: Record<string, unknown>;
}

/** A loaded DM or NS run. */
export type EmulatorRun =
  | (EmulatorRunBase & { kind: 'dm'; params: DiffusionModelParams; model: DiffusionModelConfig; schedule: NoiseSchedule })
  | (EmulatorRunBase & { kind: 'ns'; params: SolverParams; model: SolverConfig });

/** Loads a `lola-train dm|ns` run (checkpoint `last` by default, or `best`, or a directory). */
export function loadEmulatorRun(dir: string, opts: { checkpoint?: CheckpointChoice } = {}): EmulatorRun {
  const m = readRunManifest(dir, ['dm', 'ns']) as EmulatorRunManifest;
  const ckpt = runCheckpoint(m.dir, opts.checkpoint);
  const built = emulatorFromConfig(m.config, new Uint8Array(readFileSync(ckpt.weights)), m.file, ckpt.weights);
  return { ...built, dir: m.dir, runId: basename(m.dir), checkpoint: ckpt.dir, data: m.data, config: m.config } as EmulatorRun;
}
