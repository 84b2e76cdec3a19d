/**
 * Deterministic test inputs and conv configurations for the wasm kernel conformance tests
 * (kernel 1–5, stride 1–3, SAME/VALID/explicit padding, odd sizes, batch 1 and > 1).
 */

/** Values in [-1, 1) from a 32-bit LCG seeded by `seed` (no dependency on tfjs randomness). */
export function lcgValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

export interface ConvCase {
  batch: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  k: [number, number];
  stride: [number, number];
  pad: Pad;
}

/** The conv cases: every kernel 1–5 × stride 1–3 × {SAME, VALID, explicit}, on varied odd sizes. */
export function convCases(): ConvCase[] {
  const cases: ConvCase[] = [];
  const sizes: [number, number][] = [
    [7, 9],
    [6, 5],
    [9, 8],
    [5, 11],
  ];
  let i = 0;
  for (let k = 1; k <= 5; k++) {
    for (let s = 1; s <= 3; s++) {
      for (const padKind of ['same', 'valid', 'explicit'] as const) {
        const [h, w] = sizes[i % sizes.length]!;
        const kw = i % 3 === 0 && k > 1 ? k - 1 : k;
        const sw = i % 4 === 1 && s > 1 ? s - 1 : s;
        const pad: Pad =
          padKind === 'explicit'
            ? [
                [0, 0],
                [i % 3, (i + 1) % 2],
                [(i + 2) % 3, i % 2],
                [0, 0],
              ]
            : padKind;
        cases.push({ batch: 1 + (i % 3), h, w, cin: 2 + (i % 2), cout: 3 - (i % 2), k: [k, kw], stride: [s, sw], pad });
        i++;
      }
    }
  }
  return cases;
}

/** Output size of a conv along one axis. */
export function convOut(size: number, k: number, s: number, pad: Pad, axis: 1 | 2): number {
  if (pad === 'same') return Math.ceil(size / s);
  if (pad === 'valid') return Math.ceil((size - k + 1) / s);
  const [a, b] = pad[axis];
  return Math.floor((size + a + b - k) / s) + 1;
}
