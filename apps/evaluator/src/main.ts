#!/usr/bin/env node
/**
 * `lola-eval` entry point. Each command lives in its own module under `src/commands/` and exports
 * `run(argv: string[]): Promise<number>` (the exit code); this file only dispatches.
 */
import { commands } from './commands/index.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    const names = Object.keys(commands).sort();
    console.log(`usage: lola-eval <command> [options]\n\ncommands:\n${names.map((n) => '  ' + n).join('\n') || '  (none yet)'}`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`lola-eval: unknown command '${name}'. Run 'lola-eval --help' for the list.`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`lola-eval: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.LOLA_DEBUG) console.error(err);
    process.exit(1);
  },
);
