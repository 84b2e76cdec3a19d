/**
 * Shared set-up of the trainLoop tests (not exported by the package): the `cpu` backend, a
 * temporary directory for their runs, and a small linear model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import { Rng } from '@lola-ts/numerics';
import { initLinear } from '../layers/linear.js';

/**
 * Registers hooks that select the `cpu` backend and create a temporary directory (named with
 * `prefix`) before all tests of the file, and remove it after all; returns `join(root, name)`.
 */
export function cpuRunsDir(prefix: string): (name: string) => string {
  let root = '';
  beforeAll(async () => {
    await tf.setBackend('cpu');
    root = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return (name) => join(root, name);
}

/** A 2 → 1 linear model drawn from seed 1. */
export const makeModel = () => ({ fc: initLinear(new Rng(1), 2, 1) });
/** The model of `makeModel`. */
export type Model = ReturnType<typeof makeModel>;
