import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mutateBytes, parseMutations, writeFuzzBaseFile } from '../fuzz/mutate.js';
import { tempDir } from '../testing/helpers.js';
import { checkCollection } from './heap-check.js';

/** A 4096-byte version-1 collection holding `objects` (index, size), then the rest as free space. */
function collection(objects: [number, number][], freeSize?: number): Uint8Array {
  const b = new Uint8Array(4096);
  const v = new DataView(b.buffer);
  b.set([0x47, 0x43, 0x4f, 0x4c, 1]);
  v.setBigUint64(8, 4096n, true);
  let p = 16;
  for (const [index, size] of objects) {
    v.setUint16(p, index, true);
    v.setBigUint64(p + 8, BigInt(size), true);
    p += 16 + Math.ceil(size / 8) * 8;
  }
  if (p + 16 <= 4096) v.setBigUint64(p + 8, BigInt(freeSize ?? 4096 - p), true);
  return b;
}

/** Offset of the size field of the object with `index` in the first global heap collection. */
function objectSizeAt(bytes: Uint8Array, index: number): number {
  const g = Buffer.from(bytes).indexOf('GCOL');
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  for (let p = g + 16; ;) {
    const i = v.getUint16(p, true);
    const size = Number(v.getBigUint64(p + 8, true));
    if (i === index) return p + 8;
    p += 16 + Math.ceil(size / 8) * 8;
  }
}

describe('global heap check', () => {
  it('accepts a sound collection and names what would make HDF5 loop', () => {
    expect(
      checkCollection(
        collection([
          [1, 1],
          [2, 9],
        ]),
      ),
    ).toBeNull();
    expect(checkCollection(collection([[1, 1]], 0))).toBe('object 0 at +40 has size 0');
    expect(checkCollection(collection([[1, 2 ** 32 - 16]]))).toMatch(
      /^object 1 at \+16 \(size 4294967280\) runs past the collection's 4096 bytes/,
    );
    expect(checkCollection(collection([[1, 1]], 5000))).toMatch(/object 0 at \+40 \(size 5000\) runs past/);
  });

  it('turns damaged global heaps under string attributes into one WellFormatError instead of a hang', async () => {
    const { dir, cleanup } = tempDir('heap-');
    try {
      const base = await writeFuzzBaseFile(join(dir, 'base.hdf5'));
      const files = {
        // the free-space object's size set to 0: HDF5's walk over the collection never advanced
        zeroFree: [...new Array(8).keys()].map((k) => ({ at: objectSizeAt(base, 0) + k, to: 0 })),
        // a string's size that wraps a 32-bit pointer back onto itself
        wrap: [
          { at: objectSizeAt(base, 1), to: 0xf0 },
          { at: objectSizeAt(base, 1) + 1, to: 0xff },
          { at: objectSizeAt(base, 1) + 2, to: 0xff },
          { at: objectSizeAt(base, 1) + 3, to: 0xff },
        ],
        // a collection size far past the end of the file: HDF5 allocated it whole and aborted
        huge: [{ at: Buffer.from(base).indexOf('GCOL') + 10, to: 123 }],
        // the mutations filed with issue 15 (they hung on the fuzz file of that session)
        filed: parseMutations('2984:0->166 3733:0->243 2368:5->215'),
      };
      const paths = Object.entries(files).map(([name, changes]) => {
        const path = join(dir, `${name}.hdf5`);
        writeFileSync(path, mutateBytes(base, changes).bytes);
        return path;
      });
      const cli = fileURLToPath(new URL('../fuzz/read-cli.ts', import.meta.url));
      const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...paths], { encoding: 'utf8', timeout: 60_000 });
      expect(r.signal, 'the read did not finish within 60 s').toBeNull();
      const out = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; kind: string; message?: string; stderr: string });
      expect(out).toHaveLength(4);
      for (const o of out.slice(0, 3)) {
        expect(o.kind).toBe('well-format-error');
        expect(o.message).toContain(o.file);
        expect(o.message).toMatch(
          /damaged HDF5 metadata \(global heap collection at byte \d+: (object [01] at|collection size \d+ runs past the end of the file)/,
        );
        expect(o.stderr).not.toMatch(/HDF5-DIAG/);
      }
      expect(['ok', 'well-format-error']).toContain(out[3]!.kind);
    } finally {
      cleanup();
    }
  }, 90_000);
});
