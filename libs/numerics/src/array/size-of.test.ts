import { describe, expect, it } from 'vitest';
import { sizeOf } from './size-of.js';

describe('sizeOf', () => {
  it('multiplies the sizes of a shape; the empty shape has one element', () => {
    expect(sizeOf([4, 64, 64, 2])).toBe(32768);
    expect(sizeOf([3, 0, 5])).toBe(0);
    expect(sizeOf([])).toBe(1);
  });
});
