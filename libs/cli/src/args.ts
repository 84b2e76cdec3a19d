/**
 * Reading a command line: `flags` is Node's `parseArgs` (strict, with `--help`/`-h`), and `readArgs`
 * turns what a command's parser throws into `<program> <command>: <message>` + the usage and exit
 * code 2, and its `null` (for `--help`) into the usage on stdout and exit code 0.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The `options` of a `parseArgs` call. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;
import { errorMessage } from './main.js';

/** The `help` option every command has. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Options that each take a string and have no default: `stringFlags('out', 'title')`. */
export function stringFlags<const N extends string>(...names: N[]): { [K in N]: { type: 'string' } } {
  return Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as { [K in N]: { type: 'string' } };
}

/** What `flags` returns: the typed `values` (with `help`) and the `positionals`. */
export type Flags<O extends FlagOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof HELP_OPTION & O; allowPositionals: boolean; strict: true }>
>;

/** What a command prints on bad input and on `--help`: its name (`lola-train ae`) and its usage. */
export interface CommandLine {
  name: string;
  usage: string;
}

/** `parseArgs` (strict) of `argv` with `options` plus `--help`/`-h`; throws on unknown or malformed options. */
export function flags<const O extends FlagOptions>(argv: string[], options: O, allowPositionals = false): Flags<O> {
  return parseArgs({ args: argv, options: { ...HELP_OPTION, ...options }, allowPositionals, strict: true });
}

/**
 * Runs `read` (parses and checks the command line; returns null for `--help`). A thrown error is
 * printed as `<name>: <message>` and the usage on stderr and gives 2; null prints the usage and gives 0.
 */
export function readArgs<T>(line: CommandLine, read: () => T | null): T | number {
  let parsed: T | null;
  try {
    parsed = read();
  } catch (err) {
    return usageError(line, errorMessage(err));
  }
  if (parsed === null) {
    console.log(line.usage);
    return 0;
  }
  return parsed;
}

/** Prints `<name>: <message>` and the usage on stderr; returns the exit code of a usage error, 2. */
export function usageError(line: CommandLine, message: string): number {
  console.error(`${line.name}: ${message}\n${line.usage}`);
  return 2;
}

/** Flag values with the `names` given (and non-empty when repeatable); throws `--a and --b are required`. */
export function requireFlags<V extends object, K extends keyof V & string>(
  values: V,
  names: readonly K[],
): V & { [P in K]-?: NonNullable<V[P]> } {
  const given = (k: K) => {
    const v = values[k] as unknown;
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '';
  };
  if (!names.every(given)) {
    const list = names.map((n) => `--${n}`);
    const text = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
    throw new Error(`${text} ${list.length > 1 ? 'are' : 'is'} required`);
  }
  return values as V & { [P in K]-?: NonNullable<V[P]> };
}

/** Positionals that are overrides (`dotted.key=value`); throws on any other. */
export function overrides(positionals: readonly string[]): string[] {
  const bad = positionals.find((p) => !p.includes('='));
  if (bad) throw new Error(`unexpected argument '${bad}' (overrides look like dotted.key=value)`);
  return [...positionals];
}
