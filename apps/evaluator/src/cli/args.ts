/**
 * Argument parsing shared by the commands: an unknown or malformed option prints the error and the
 * usage and gives exit code 2; `--help`/`-h` (declared by each command as `help`) prints the usage.
 */

/** Runs `parse` (a `parseArgs` call); on its error prints the message and the usage and returns 2. */
export function tryParse<T extends { values: { help?: boolean } }>(command: string, usage: string, parse: () => T): T | number {
  let parsed: T;
  try {
    parsed = parse();
  } catch (err) {
    console.error(`lola-eval ${command}: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}

/** The `help` option every command declares. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
