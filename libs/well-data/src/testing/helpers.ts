// Test-only helpers (excluded from the build): temp dirs and deterministic data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WellWriteSchema } from '../writer/spec.js';

/** A fresh temp directory and a disposer. */
export function tempDir(prefix = 'well-data-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic float32 values: a different smooth pattern per (seed, index). */
export function pattern(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(0.37 * i + 1.3 * seed) * (1 + seed) + 0.01 * i;
  return out;
}

export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
}

/** A 2-D schema exercising every writer feature (t0/t1/t2, constant field, scalars, 3 BC types). */
export function schema2d(T = 4, nx = 5, ny = 3): WellWriteSchema {
  return {
    datasetName: 'roundtrip_2d',
    spatialDims: ['x', 'y'],
    coordinates: { x: linspace(0, 1, nx), y: linspace(-1, 1, ny).map((v) => Math.sin(v)) },
    time: linspace(0, 0.5, T),
    boundaryConditions: { x: 'PERIODIC', y: ['WALL', 'OPEN'] },
    parameters: { gamma: 1.4, Mach: 0.25 },
    scalars: [
      { name: 'amplitude' },
      { name: 'forcing', timeVarying: true },
      { name: 'clock', timeVarying: true, values: linspace(1, 2, T) },
    ],
    fields: [
      { name: 'momentum', order: 1 },
      { name: 'energy' },
      { name: 'stress', order: 2 },
      { name: 'obstacle', timeVarying: false },
      { name: 'density' },
    ],
  };
}
