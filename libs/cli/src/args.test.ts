import { afterEach, describe, expect, it, vi } from 'vitest';
import { flags, overrides, readArgs, requireFlags, stringFlags } from './args.js';

afterEach(() => vi.restoreAllMocks());

const line = { name: 'lola-x run', usage: 'usage: lola-x run [--n N]' };
const read = (argv: string[]) => () => {
  const { values } = flags(argv, { n: { type: 'string', default: '1' } });
  return values.help ? null : { n: Number(values.n) };
};

describe('readArgs', () => {
  it('returns the parsed options; --help prints the usage and gives 0', () => {
    expect(readArgs(line, read(['--n', '3']))).toEqual({ n: 3 });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(readArgs(line, read(['-h']))).toBe(0);
    expect(log.mock.calls[0]?.[0]).toBe(line.usage);
  });

  it('an unknown option or a thrown check prints `<command>: <message>` and the usage, and gives 2', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(readArgs(line, read(['--bogus']))).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/^lola-x run: Unknown option '--bogus'[^]*\nusage: lola-x run/);
    expect(
      readArgs(line, () => {
        throw new Error('--n is required');
      }),
    ).toBe(2);
    expect(err.mock.calls[1]?.[0]).toBe('lola-x run: --n is required\nusage: lola-x run [--n N]');
  });

  it('stringFlags declares string options without defaults', () => {
    expect(stringFlags('out', 'title')).toEqual({ out: { type: 'string' }, title: { type: 'string' } });
    expect(flags(['--out', 'o'], stringFlags('out', 'title')).values).toEqual({ out: 'o' });
  });

  it('requireFlags names every required flag when one is missing', () => {
    expect(requireFlags({ a: 'x', b: ['y'] }, ['a', 'b'])).toEqual({ a: 'x', b: ['y'] });
    expect(() => requireFlags({ a: 'x', b: [] as string[] }, ['a', 'b'])).toThrow('--a and --b are required');
    expect(() => requireFlags({ m: 'x' } as { m?: string; d?: string; o?: string }, ['m', 'd', 'o'])).toThrow(
      '--m, --d and --o are required',
    );
    expect(() => requireFlags({} as { config?: string }, ['config'])).toThrow('--config is required');
  });

  it('overrides must look like key=value', () => {
    expect(overrides(['a.b=1'])).toEqual(['a.b=1']);
    expect(() => overrides(['a.b=1', 'oops'])).toThrow("unexpected argument 'oops' (overrides look like dotted.key=value)");
  });
});
