/** Identity of a result: commit, date and package versions (docs/architecture.md §5). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function gitCommit(): string | null {
  if (process.env.LOLA_COMMIT) return process.env.LOLA_COMMIT;
  try {
    return (
      execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null
    );
  } catch {
    return null;
  }
}

export function packageVersions(names: string[]): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const n of names) {
    try {
      out[n] = (JSON.parse(readFileSync(require.resolve(`${n}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      /* not installed: leave it out */
    }
  }
  return out;
}
