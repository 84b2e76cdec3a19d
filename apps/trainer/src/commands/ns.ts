/**
 * `lola-train ns --config FILE [--pixel] [--out DIR] [--backend B] [--threads N] [--fresh] [dotted.key=value ...]`
 *
 * Trains LoLa's neural solver (docs/method.md §9, §12) on latent windows, or with `--pixel` on a Well
 * dataset in pixel space (patched ViT); same logging, checkpoints and resume as `lola-train dm`.
 */
import { runEmulatorCommand } from '../emulators/cli.js';

export function run(argv: string[]): Promise<number> {
  return runEmulatorCommand('ns', argv);
}
