import { describe, expect, it } from 'vitest';
import { readBackend } from './backend.js';
import { choice, integer, integerList, list, number, positiveInteger } from './numbers.js';

describe('number flags', () => {
  it('integers within a range, errors naming the flag and the value', () => {
    expect(integer('--seed', '-3')).toBe(-3);
    expect(integer('--seed', undefined)).toBeUndefined();
    expect(() => integer('--seed', '1.5')).toThrow("--seed must be an integer, got '1.5'");
    expect(() => integer('--seed', ' ')).toThrow("--seed must be an integer, got ' '");
    expect(() => integer('--repeat', '0', { min: 1 })).toThrow("--repeat must be an integer >= 1, got '0'");
    expect(() => integer('--jobs', '65', { min: 1, max: 64 })).toThrow("--jobs must be an integer from 1 to 64, got '65'");
    expect(positiveInteger('--threads', '4')).toBe(4);
    expect(() => positiveInteger('--threads', '0')).toThrow("--threads must be a positive integer, got '0'");
  });

  it('numbers, lists and choices', () => {
    expect(number('--t', '0.25', 0)).toBe(0.25);
    expect(() => number('--t', '-1', 0)).toThrow("--t must be a number >= 0, got '-1'");
    expect(() => number('--t', 'x')).toThrow("--t must be a number, got 'x'");
    expect(list(' a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(integerList('--sizes', '64, 128', { min: 4 })).toEqual([64, 128]);
    expect(() => integerList('--sizes', '64,x', { min: 4 })).toThrow("--sizes must be a list of integers >= 4, got '64,x'");
    expect(choice('--split', 'test', ['train', 'test'])).toBe('test');
    expect(() => choice('--split', 'dev', ['train', 'test'])).toThrow("--split must be one of train, test, got 'dev'");
  });

  it('backend flags', () => {
    expect(readBackend({ backend: 'wasm', threads: '2' }, ['auto', 'wasm'])).toEqual({ backend: 'wasm', threads: 2 });
    expect(readBackend({}, ['auto', 'wasm'])).toEqual({ backend: 'auto', threads: undefined });
    expect(() => readBackend({ backend: 'gpu' }, ['auto', 'wasm'])).toThrow("--backend must be one of auto, wasm, got 'gpu'");
    expect(() => readBackend({ threads: '65' }, ['auto'], 64)).toThrow("--threads must be an integer from 1 to 64, got '65'");
  });
});
