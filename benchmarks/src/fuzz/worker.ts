// Worker of `lola-bench fuzz-h5`: for each message {index, path, changes} writes the mutated copy
// of the base file, reads it with `readWholeWellFile` and posts the outcome. Each case has its own
// file, kept until the run ends: a file that failed inside HDF5 may stay open in its module, and
// reusing its inode would make the reader start a fresh module (libs/well-data/src/h5/stale.ts). The parent terminates
// this thread when one case runs past its watchdog (a hang inside HDF5's wasm code).
import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { formatMutations, mutateBytes, readWholeWellFile } from '@lola-ts/well-data';
import type { FuzzCase, FuzzResult } from './cases.js';

const base = workerData.base as Uint8Array;
parentPort!.on('message', (c: FuzzCase) => {
  void (async () => {
    const { bytes, applied } = mutateBytes(base, c.changes);
    writeFileSync(c.path, bytes);
    const o = await readWholeWellFile(c.path);
    const result: FuzzResult = {
      index: c.index,
      mutations: formatMutations(applied),
      kind: o.kind,
      message: o.kind === 'ok' ? '' : o.message,
      diag: /HDF5-DIAG/.test(o.stderr),
    };
    parentPort!.postMessage(result);
  })();
});
// Warm up (load h5wasm, read the intact base file) before the first case's watchdog starts.
if (typeof workerData.warmPath === 'string') await readWholeWellFile(workerData.warmPath);
parentPort!.postMessage('ready');
