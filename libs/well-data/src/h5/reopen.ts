import type { File as H5File } from 'h5wasm/node';
import type { H5Wasm } from './load.js';
import { probeHdf5File } from './probe.js';

/**
 * Reopens an existing HDF5 file for appending (mode `a`), as the writers' `resume` option does with
 * an interrupted `<path>.partial` file (README.md, writer). Returns null when the file fails the plain-read
 * probe or HDF5 cannot open it: the caller then starts a new file.
 */
export function reopenForAppend(h5: H5Wasm, path: string): H5File | null {
  try {
    probeHdf5File(path);
  } catch {
    return null;
  }
  const f = new h5.File(path, 'a');
  return f.file_id < 0n ? null : f;
}
