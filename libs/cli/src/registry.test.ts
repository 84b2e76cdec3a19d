import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch, programUsage, subcommands, type Program } from './registry.js';

afterEach(() => vi.restoreAllMocks());

const seen: string[][] = [];
const module = (tag: string) => async () => ({
  run: async (argv: string[]) => {
    seen.push([tag, ...argv]);
    return 7;
  },
});
const program: Program = {
  name: 'lola-x',
  commands: {
    run: { summary: 'runs it', load: module('run') },
    data: {
      summary: 'data sets',
      load: async () =>
        subcommands({ inspect: { summary: '', load: module('inspect') }, generate: { summary: '', load: module('generate') } }, 'generate'),
    },
  },
};

describe('command registry', () => {
  it('lists the commands with their summaries; no command gives 2, --help 0', async () => {
    expect(programUsage(program)).toBe('usage: lola-x <command> [options]\n\ncommands:\n  data  data sets\n  run   runs it');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await dispatch(program, [])).toBe(2);
    expect(await dispatch(program, ['-h'])).toBe(0);
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('runs a command with the rest of argv and returns its exit code; an unknown one gives 2', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await dispatch(program, ['run', '--a', '1'])).toBe(7);
    expect(await dispatch(program, ['toString'])).toBe(2);
    expect(err.mock.calls[0]?.[0]).toBe("lola-x: unknown command 'toString'. Run 'lola-x --help' for the list.");
  });

  it('a subcommand is picked by the first argument, else the fallback gets all of argv', async () => {
    seen.length = 0;
    await dispatch(program, ['data', 'inspect', 'f.h5']);
    await dispatch(program, ['data', 'generate', '--out', 'd']);
    await dispatch(program, ['data', '--out', 'd']);
    expect(seen).toEqual([
      ['inspect', 'f.h5'],
      ['generate', '--out', 'd'],
      ['generate', '--out', 'd'],
    ]);
  });
});
