/**
 * Which weights a run loader reads (docs/architecture.md §3): `last` (default, LoLa's "final
 * state"), `best`, or a checkpoint directory path.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveCheckpointDir, WEIGHTS_FILE } from '@lola-ts/nn-blocks';

/** `best`, `last` or a checkpoint directory. */
export type CheckpointChoice = 'best' | 'last' | (string & {});

/** The checkpoint directory and weights file of `which` in the run `root`; errors name what is missing. */
export function runCheckpoint(root: string, which: CheckpointChoice = 'last'): { dir: string; weights: string } {
  const ckptDir = which === 'best' || which === 'last' ? join(root, which) : resolve(which);
  const dir = resolveCheckpointDir(ckptDir) ?? (existsSync(join(ckptDir, WEIGHTS_FILE)) ? ckptDir : null);
  if (!dir) throw new Error(`checkpoint not found: ${ckptDir} (no ${WEIGHTS_FILE}; has the run saved a '${which}' checkpoint?)`);
  const weights = join(dir, WEIGHTS_FILE);
  if (!existsSync(weights)) throw new Error(`checkpoint file not found: ${weights}`);
  return { dir, weights };
}
