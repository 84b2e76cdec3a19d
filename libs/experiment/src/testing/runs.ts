/**
 * Test helpers for run directories (used only by tests, here and in the programs): a temporary root
 * with the wasm backend on one thread, the weights of a checkpoint and the train losses of a log,
 * to compare an interrupted run with an uninterrupted one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initRuntime, loadSafetensors, readLog } from '@lola-ts/nn-blocks';

/** Recipe options that print nothing. */
export const QUIET = { progress: false as const, log: () => {} };

/** The weights of the checkpoint directory `dir`, by tensor name. */
export function checkpointWeights(dir: string): Map<string, number[]> {
  const { tensors } = loadSafetensors(join(dir, 'weights.safetensors'));
  const out = new Map<string, number[]>();
  for (const [k, t] of tensors) {
    out.set(k, Array.from(t.dataSync()));
    t.dispose();
  }
  return out;
}

/** The train losses of `<run>/log.jsonl`, in step order. */
export function trainLosses(run: string): number[] {
  return readLog(join(run, 'log.jsonl'))
    .filter((r) => r.kind === 'train')
    .map((r) => r.loss as number);
}

/**
 * A temporary directory `lola-<prefix>-…` for a test file, with the runtime the recipes' tests train
 * on (wasm, one thread); `remove` deletes it.
 */
export async function testRoot(prefix: string): Promise<{ root: string; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), `lola-${prefix}-`));
  await initRuntime({ backend: 'wasm', threads: 1 });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
