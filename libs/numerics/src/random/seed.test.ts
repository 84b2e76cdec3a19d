import { describe, expect, it } from 'vitest';
import { foldNumber, hashString, seedState } from './seed.js';

describe('seeds', () => {
  it('keeps small integers and hashes other numbers through their decimal text', () => {
    expect(foldNumber(-3)).toBe(-3);
    expect(foldNumber(2 ** 31)).toBe(hashString('2147483648'));
    expect(foldNumber(0.5)).toBe(hashString('0.5'));
    expect(() => foldNumber(Infinity)).toThrow(/seed/);
  });

  it('gives the same state for a number and for nothing else', () => {
    expect(seedState(42)).toEqual(seedState(42));
    expect(seedState(42)).not.toEqual(seedState('42'));
    expect(seedState('a')).not.toEqual(seedState('b'));
    for (const w of seedState(0)) expect(w >>> 0).toBe(w);
  });
});
