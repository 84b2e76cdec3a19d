// Worker of `lola-bench fuzz-h5`: for each message {index, path, changes} writes the mutated copy
// of the base file, reads it with `readWholeWellFile` and posts the outcome. The parent terminates
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
parentPort!.postMessage('ready');
