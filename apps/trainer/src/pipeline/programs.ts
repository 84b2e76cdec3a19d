/**
 * How a pipeline job starts a lola-ts program: the same Node binary and loader flags as the
 * current process, and the program's entry (TypeScript sources when running from source through
 * tsx, `dist/main.js` when built). Programs never import each other; they spawn each other.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgramName } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const runningFromSource = import.meta.url.endsWith('.ts');
/** apps/trainer (this package's root). */
const trainerRoot = path.resolve(here, '../..');

const PROGRAM_DIRS: Record<Exclude<ProgramName, 'node'>, string> = {
  'lola-train': trainerRoot,
  'lola-eval': path.resolve(trainerRoot, '../evaluator'),
  'lola-bench': path.resolve(trainerRoot, '../../benchmarks'),
};

/** Command (executable + arguments) that runs `program` with `argv`. */
export function programCommand(program: ProgramName, argv: string[]): { file: string; args: string[] } {
  if (program === 'node') return { file: process.execPath, args: argv };
  const root = PROGRAM_DIRS[program];
  const entry = path.join(root, runningFromSource ? 'src/main.ts' : 'dist/main.js');
  if (!existsSync(entry)) {
    throw new Error(`cannot find the entry of ${program} at ${entry}${runningFromSource ? '' : ' (run `npm run build` first)'}`);
  }
  return { file: process.execPath, args: [...process.execArgv, entry, ...argv] };
}
