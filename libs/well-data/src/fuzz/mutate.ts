import { readFileSync } from 'node:fs';
import { createWellFile } from '../writer/well-writer.js';

/** One byte of a file changed: offset, old value, new value (`2984:0->166`). */
export interface ByteMutation {
  at: number;
  from: number;
  to: number;
}

/**
 * Writes the tiny Well file the damaged-file tests and fuzz runs mutate (docs/bad-inputs.md): 1-D,
 * 3 points, 2 times, one periodic axis, one t0 field, one trajectory. Returns its bytes.
 */
export async function writeFuzzBaseFile(path: string): Promise<Uint8Array> {
  const w = await createWellFile(path, {
    datasetName: 'g',
    spatialDims: ['x'],
    coordinates: { x: [0, 1, 2] },
    time: [0, 1],
    boundaryConditions: { x: 'PERIODIC' },
    fields: [{ name: 'density' }],
  });
  await w.appendTrajectory({ density: new Float32Array(6).fill(1) });
  await w.close();
  return new Uint8Array(readFileSync(path));
}

/** A copy of `bytes` with each `{at, to}` applied in order (offsets past the end are skipped). */
export function mutateBytes(
  bytes: Uint8Array,
  changes: readonly { at: number; to: number }[],
): { bytes: Uint8Array; applied: ByteMutation[] } {
  const out = Uint8Array.from(bytes);
  const applied: ByteMutation[] = [];
  for (const { at, to } of changes) {
    if (at < 0 || at >= out.length) continue;
    applied.push({ at, from: out[at]!, to: to & 0xff });
    out[at] = to & 0xff;
  }
  return { bytes: out, applied };
}

/** `2984:0->166 3733:0->243`. */
export function formatMutations(m: readonly ByteMutation[]): string {
  return m.map((x) => `${x.at}:${x.from}->${x.to}`).join(' ');
}

/** Parses `formatMutations` output (the `from` part is optional: `2984:166` or `2984:0->166`). */
export function parseMutations(text: string): { at: number; to: number }[] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((tok) => {
      const m = /^(\d+):(?:(\d+)->)?(\d+)$/.exec(tok);
      if (!m) throw new Error(`mutation '${tok}': expected OFFSET:OLD->NEW or OFFSET:NEW`);
      return { at: Number(m[1]), to: Number(m[3]) };
    });
}
