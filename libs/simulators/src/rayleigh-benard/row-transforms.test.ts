import { Rng, irfftRows, rfftRows } from '@lola-ts/numerics';
import { describe, expect, it } from 'vitest';
import { PairedRowTransform } from './row-transforms.js';

describe('paired real-row transforms', () => {
  it('match rfftRows/irfftRows on the kept modes, two fields per complex FFT', () => {
    const n = 16;
    const nk = n / 2 + 1;
    const modes = 6;
    const rows = 3;
    const rng = new Rng(12);
    const a = Float64Array.from({ length: rows * n }, () => rng.normal());
    const b = Float64Array.from({ length: rows * n }, () => rng.normal());
    const t = new PairedRowTransform(n, nk, modes);
    const sa = { re: new Float64Array((rows + 1) * nk), im: new Float64Array((rows + 1) * nk) };
    const sb = { re: new Float64Array((rows + 1) * nk), im: new Float64Array((rows + 1) * nk) };
    const ra = rfftRows(a, rows, n);
    const rb = rfftRows(b, rows, n);
    t.forward(a, b, rows, sa, sb, 1); // transforms a and b in place
    for (let r = 0; r < rows; r++) {
      for (let m = 0; m < nk; m++) {
        const i = (r + 1) * nk + m;
        const keep = m < modes;
        expect(sa.re[i]).toBeCloseTo(keep ? ra.re[r * nk + m] : 0, 12);
        expect(sa.im[i]).toBeCloseTo(keep ? ra.im[r * nk + m] : 0, 12);
        expect(sb.re[i]).toBeCloseTo(keep ? rb.re[r * nk + m] : 0, 12);
        expect(sb.im[i]).toBeCloseTo(keep ? rb.im[r * nk + m] : 0, 12);
      }
    }
    const outA = new Float64Array(rows * n);
    const outB = new Float64Array(rows * n);
    t.inverse(sa, sb, 1, rows, outA, outB);
    const refA = irfftRows({ re: sa.re.subarray(nk), im: sa.im.subarray(nk) }, rows, n);
    const refB = irfftRows({ re: sb.re.subarray(nk), im: sb.im.subarray(nk) }, rows, n);
    for (let i = 0; i < rows * n; i++) {
      expect(outA[i]).toBeCloseTo(refA[i], 13);
      expect(outB[i]).toBeCloseTo(refB[i], 13);
    }
  });
});
