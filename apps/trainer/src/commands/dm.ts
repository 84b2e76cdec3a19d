/**
 * `lola-train dm --config FILE [--out DIR] [--backend B] [--threads N] [--fresh] [dotted.key=value ...]`
 *
 * Trains LoLa's latent diffusion model (docs/method.md §6, §8, §12) on windows of a latent cache written
 * by `lola-train cache`; validation each epoch, JSONL log, progress bar, `best/` and `last/`
 * checkpoints; an interrupted run resumes when the same command is run again.
 */
import { runEmulatorCommand } from '../emulators/cli.js';

export function run(argv: string[]): Promise<number> {
  return runEmulatorCommand('dm', argv);
}
