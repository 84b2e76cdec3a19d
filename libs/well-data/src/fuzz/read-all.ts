import { WellFormatError } from '../errors.js';
import { openWellFile } from '../io/well-file.js';

/** What reading a (possibly damaged) Well file gave. */
export type ReadOutcome =
  | { kind: 'ok'; stderr: string }
  | { kind: 'well-format-error'; message: string; stderr: string }
  | { kind: 'other-error'; name: string; message: string; stderr: string };

/**
 * Opens `path` and reads everything a training run would (every trajectory's fields, constant
 * fields and scalars, time and coordinates), then closes it. Never throws: the outcome says whether
 * it read, threw the one `WellFormatError` a damaged file should give (docs/bad-inputs.md), or threw
 * anything else. `stderr` is what was written to stderr meanwhile (must stay free of HDF5-DIAG).
 */
export async function readWholeWellFile(path: string): Promise<ReadOutcome> {
  const saved = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: unknown) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const f = await openWellFile(path);
    try {
      for (let i = 0; i < f.schema.nTrajectories; i++) {
        f.readFields(i);
        f.readConstantFields(i);
        f.readScalars(i);
        f.readTime(i);
        f.readCoordinates(i);
      }
    } finally {
      f.close();
    }
    return { kind: 'ok', stderr };
  } catch (err) {
    if (err instanceof WellFormatError) return { kind: 'well-format-error', message: err.message, stderr };
    const e = err instanceof Error ? err : new Error(String(err));
    return { kind: 'other-error', name: e.name, message: e.message, stderr };
  } finally {
    process.stderr.write = saved;
  }
}
