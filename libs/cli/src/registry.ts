/**
 * The command registry of a program (docs/architecture.md): each command has a name, a one-line
 * summary and a module loaded lazily, so that its heavy dependencies (tfjs, h5wasm) load only when
 * it runs. A command module's `run` receives the arguments after the command name and returns the
 * exit code; it prints its own usage on `--help`.
 */

/** A command module: `run` receives the arguments after the command name and returns the exit code. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

/** One registry entry: the summary shown by `<program> --help` and the lazily loaded module. */
export interface CommandEntry {
  summary: string;
  load: () => Promise<CommandModule>;
}

/** Commands by name. */
export type CommandTable = Record<string, CommandEntry>;

/** A program: its name (`lola-train`, the prefix of its messages) and its commands. */
export interface Program {
  name: string;
  commands: CommandTable;
}

/** The top-level help of a program: usage line and the commands, sorted, with their summaries. */
export function programUsage(program: Program): string {
  const names = Object.keys(program.commands).sort();
  const width = Math.max(0, ...names.map((n) => n.length));
  const rows = names.map((n) => `  ${n.padEnd(width)}  ${program.commands[n]!.summary}`.trimEnd());
  return `usage: ${program.name} <command> [options]\n\ncommands:\n${rows.join('\n') || '  (none yet)'}`;
}

/**
 * Runs the command `argv[0]` of `program` with the rest of `argv`. No command prints the help and
 * gives 2; `--help`/`-h` prints it and gives 0; an unknown command names the program's help and gives 2.
 */
export async function dispatch(program: Program, argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(programUsage(program));
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(program.commands, name) ? program.commands[name] : undefined;
  if (!entry) {
    console.error(`${program.name}: unknown command '${name}'. Run '${program.name} --help' for the list.`);
    return 2;
  }
  const command = await entry.load();
  return command.run(rest);
}

/**
 * A command with subcommands (`lola-train data inspect`): `argv[0]` picks one of `table`; any other
 * first argument runs `fallback` with the whole `argv` (`lola-train data --system ...` generates).
 */
export function subcommands(table: CommandTable, fallback: string): CommandModule {
  return {
    async run(argv) {
      const first = argv[0];
      const named = first !== undefined && Object.hasOwn(table, first);
      const entry = table[named ? first : fallback]!;
      return (await entry.load()).run(named ? argv.slice(1) : argv);
    },
  };
}
