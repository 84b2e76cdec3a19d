/**
 * Identity of the code that produced a record (docs/architecture.md §5): the full 40-character
 * commit (nn-blocks' `gitCommit`, the one git reader of the repository), whether the working tree
 * had uncommitted changes, the date and the versions of the packages that ran.
 */
import { gitCommit, gitDirty, packageVersion } from '@lola-ts/nn-blocks';

/** The full 40-character commit of the working tree (`LOLA_COMMIT` overrides it); null outside git. */
export { gitCommit, gitDirty };

/** Identity of the code that ran. */
export interface Identity {
  /** Full 40-character commit hash; null outside git. */
  commit: string | null;
  /** Uncommitted changes in the working tree when the run started. */
  dirty: boolean | null;
  date: string;
  versions: Record<string, string | null>;
}

/** The packages whose versions a benchmark records by default: ours and tfjs. */
export const DEFAULT_PACKAGES: readonly string[] = ['@lola-ts/nn-blocks', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm'];

/** Commit (with a dirty flag), ISO date and the versions of `packages` (null where not installed). */
export function captureIdentity(packages: readonly string[] = DEFAULT_PACKAGES): Identity {
  const commit = gitCommit();
  const dirty = commit === null ? null : gitDirty();
  const versions: Record<string, string | null> = {};
  for (const p of packages) versions[p] = packageVersion(p);
  return { commit, dirty, date: new Date().toISOString(), versions };
}

/** Node's version and the versions of the installed `packages` among `names` (missing ones left out). */
export function installedVersions(names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const n of names) {
    const v = packageVersion(n);
    if (v !== null) out[n] = v;
  }
  return out;
}
