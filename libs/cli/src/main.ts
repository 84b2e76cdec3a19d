/** The entry point of a program's `main.ts` (docs/architecture.md). */
import { dispatch, type Program } from './registry.js';

/** The message of an error or thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs `program` on `argv` and exits with the command's exit code. An error thrown by a command is
 * printed as `<program>: <message>` (the stack too when LOLA_DEBUG is set) and exits 1.
 */
export function runMain(program: Program, argv: string[] = process.argv.slice(2)): Promise<never> {
  return dispatch(program, argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${program.name}: ${errorMessage(err)}`);
      if (process.env.LOLA_DEBUG) console.error(err);
      return process.exit(1);
    },
  );
}
