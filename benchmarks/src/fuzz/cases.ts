/** One fuzz case: the byte changes applied to the base file, written to `path`. */
export interface FuzzCase {
  index: number;
  path: string;
  changes: { at: number; to: number }[];
}

/** What one case gave (`hang`: no answer within the watchdog time). */
export interface FuzzResult {
  index: number;
  mutations: string;
  kind: 'ok' | 'well-format-error' | 'other-error' | 'hang';
  message: string;
  /** HDF5 printed a diagnostic trace on stderr. */
  diag: boolean;
}

/**
 * The changes of case `index` for `seed`: 1..maxChanges bytes, each at a random offset (half of
 * them in the first 4 KiB, where the superblock, group headers and global heap of the base file
 * lie) set to a random value. Deterministic: the same seed and index give the same case.
 */
export function caseChanges(seed: number, index: number, fileSize: number, maxChanges: number): { at: number; to: number }[] {
  const rng = new Rng(seed).fork(index);
  const n = 1 + rng.int(maxChanges);
  return Array.from({ length: n }, () => ({
    at: rng.uniform() < 0.5 ? rng.int(Math.min(4096, fileSize)) : rng.int(fileSize),
    to: rng.int(256),
  }));
}

/** The innermost reason of a WellFormatError (`got damaged HDF5 metadata (REASON)`), for counting. */
export function reasonOf(message: string): string {
  const m = /got (.*)$/.exec(message);
  const got = m ? m[1]! : message;
  return got.replace(/\b\d+\b/g, 'N').slice(0, 160);
}
import { Rng } from '@lola-ts/numerics';
