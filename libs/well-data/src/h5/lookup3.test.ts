import { describe, expect, it } from 'vitest';
import { lookup3 } from './lookup3.js';

describe('lookup3', () => {
  it('gives the published hashlittle values', () => {
    const text = new TextEncoder().encode('Four score and seven years ago');
    expect(lookup3(new Uint8Array(0))).toBe(0xdeadbeef);
    expect(lookup3(text)).toBe(0x17770551);
    expect(lookup3(text, 1)).toBe(0xcd628161);
  });
});
